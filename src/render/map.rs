//! The map of places (issue 26): where the site's places are, drawn as static SVG on place
//! pages and the places index, with no tiles and no request to anyone else.
//!
//! The area drawn is the one that holds every registry place with `coords:` ([`frame`]),
//! projected equirectangularly with the east-west scale of its middle latitude (at the
//! latitudes a briefing site covers, from the Sahel to Brussels, shapes stay recognisable
//! and the arithmetic stays simple enough to check by hand). The coastlines and borders are
//! one file per site ([`render_base_map`], from Natural Earth data in `basemap/`), which
//! every map shows under its markers, so a page carries only its markers. A place is a
//! circle sized by its number of briefings; a region (`region: true`) is a label. Labels are
//! in the interface language and placed greedily, biggest place first, never over another
//! label. The figure's list names every place with its count, drawn or not, for screen
//! readers and print.
//!
//! Geography is not mirrored in Arabic: east stays right. Labels sit on the side of the
//! marker the reading direction starts from. What is drawn is the model's
//! ([`crate::model::PlacesMap`]: at most 60 places, worked out once per build), so a map costs
//! the same on every page whatever the registry holds.

use super::RenderContext;
use crate::ids::{LangIx, TermId};
use crate::kind::TaxonomyKind;
use crate::lang::Direction;
use crate::taxonomy::Geo;
use serde::{Deserialize, Serialize};

/// The map's width in SVG units; its height follows the area's shape.
const WIDTH: f64 = 800.0;
/// Most labels, regions included.
const MAX_LABELS: usize = 16;
/// Largest and smallest marker radius.
const R_MAX: f64 = 12.0;
const R_MIN: f64 = 3.5;
/// Label font size, and an estimate of a letter's width, for keeping labels apart.
const FONT: f64 = 13.0;
const LETTER: f64 = 7.0;

#[derive(Debug, Clone, Hash, Serialize)]
pub struct MapView {
    /// `viewBox="0 0 width height"`.
    pub width: u32,
    pub height: u32,
    /// The base map's URL (coastlines and borders).
    pub base: String,
    pub markers: Vec<Marker>,
    pub regions: Vec<RegionLabel>,
    /// The places drawn, biggest first, with their counts (the list under the map).
    pub places: Vec<MapEntry>,
    /// How many places with briefings are not drawn (no `coords:`, or past the biggest).
    pub undrawn: usize,
    /// Whether the page's own place is one of them.
    pub own_undrawn: bool,
    /// The places index, which lists them all.
    pub index: String,
}

/// A place drawn as a circle.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct Marker {
    pub x: String,
    pub y: String,
    pub r: String,
    pub name: String,
    pub count: usize,
    /// The page's own place.
    pub current: bool,
    /// Where its label goes, if it has one.
    pub label: Option<Label>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct Label {
    pub x: String,
    pub y: String,
    pub anchor: &'static str,
}

/// A region, drawn as its name.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct RegionLabel {
    pub x: String,
    pub y: String,
    pub name: String,
    pub current: bool,
}

/// A place in the list beside the map.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct MapEntry {
    pub name: String,
    pub href: String,
    pub count_label: String,
    pub region: bool,
    pub current: bool,
}

/// The area a map shows, and its projection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    west: f64,
    north: f64,
    /// SVG units per degree of latitude; a degree of longitude is `scale * k`.
    scale: f64,
    k: f64,
    width: f64,
    height: f64,
}

impl Frame {
    fn project(&self, lat: f64, lon: f64) -> (f64, f64) {
        (
            (lon - self.west) * self.k * self.scale,
            (self.north - lat) * self.scale,
        )
    }
}

/// The area holding every point of `geos`, with a margin, at least 16 by 10 degrees, and no
/// taller than square nor flatter than 5:2 (a single city gets its country's surroundings;
/// points on one parallel still get a map). `None` without points.
pub fn frame(geos: impl Iterator<Item = Geo>) -> Option<Frame> {
    let mut bounds: Option<(f64, f64, f64, f64)> = None;
    for g in geos {
        let (w, e, s, n) = bounds.unwrap_or((g.lon, g.lon, g.lat, g.lat));
        bounds = Some((w.min(g.lon), e.max(g.lon), s.min(g.lat), n.max(g.lat)));
    }
    frame_of(bounds?)
}

/// [`frame`] of the box (west, east, south, north) holding the points.
pub fn frame_of((w, e, s, n): (f64, f64, f64, f64)) -> Option<Frame> {
    if ![w, e, s, n].iter().all(|v| v.is_finite()) {
        return None;
    }
    let (mut w, mut e, mut s, mut n) = (w, e, s, n);
    let grow = |lo: &mut f64, hi: &mut f64, least: f64| {
        let pad = ((*hi - *lo) * 0.12).max(3.0);
        *lo -= pad;
        *hi += pad;
        let short = least - (*hi - *lo);
        if short > 0.0 {
            *lo -= short / 2.0;
            *hi += short / 2.0;
        }
    };
    grow(&mut w, &mut e, 16.0);
    grow(&mut s, &mut n, 10.0);
    let k = ((s + n) / 2.0).to_radians().cos().max(0.2);
    // Shape: height / width between 0.4 and 1.
    let ratio = (n - s) / ((e - w) * k);
    if ratio > 1.0 {
        let extra = ((n - s) / k - (e - w)) / 2.0;
        w -= extra;
        e += extra;
    } else if ratio < 0.4 {
        let extra = (0.4 * (e - w) * k - (n - s)) / 2.0;
        s -= extra;
        n += extra;
    }
    let (s, n) = (s.max(-85.0), n.min(85.0));
    let scale = WIDTH / ((e - w) * k);
    Some(Frame {
        west: w,
        north: n,
        scale,
        k,
        width: WIDTH,
        height: ((n - s) * scale).round(),
    })
}

/// The frame of the site's map: every registered place with coordinates. It depends on the
/// registry alone, so the base map changes only when the registry does.
pub fn site_frame(ctx: &RenderContext) -> Option<Frame> {
    frame_of(ctx.model.places_map().bounds?)
}

/// Natural Earth's land and borders, as stored by `basemap/convert.mjs`.
#[derive(Deserialize)]
struct World {
    scale: f64,
    land: Vec<Vec<i32>>,
    borders: Vec<Vec<i32>>,
}

fn world() -> &'static World {
    static WORLD: std::sync::OnceLock<World> = std::sync::OnceLock::new();
    WORLD.get_or_init(|| {
        serde_json::from_str(include_str!("basemap/world.json")).unwrap_or(World {
            scale: 10.0,
            land: Vec::new(),
            borders: Vec::new(),
        })
    })
}

/// The base map of `frame`: sea, land and borders as one SVG file (the lines of the world
/// that cross the frame; the SVG's viewport clips the rest).
pub fn render_base_map(frame: &Frame) -> String {
    use std::fmt::Write;
    let world = world();
    let (w, h) = (frame.width, frame.height);
    let path = |lines: &[Vec<i32>], close: bool| -> String {
        let mut d = String::new();
        for line in lines {
            let points: Vec<(f64, f64)> = line
                .chunks_exact(2)
                .map(|p| {
                    frame.project(f64::from(p[1]) / world.scale, f64::from(p[0]) / world.scale)
                })
                .collect();
            let margin = 20.0;
            let inside = points
                .iter()
                .any(|&(x, y)| x > -margin && x < w + margin && y > -margin && y < h + margin);
            let (min_x, max_x) = points
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
            let (min_y, max_y) = points
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
            // A ring around the frame (a continent seen from inside) has no point in it.
            let around = min_x < 0.0 && max_x > w && min_y < 0.0 && max_y > h;
            if !(inside || around) {
                continue;
            }
            for (i, (x, y)) in points.iter().enumerate() {
                let cmd = if i == 0 { 'M' } else { 'L' };
                let _ = write!(d, "{cmd}{x:.1} {y:.1}");
            }
            if close {
                d.push('Z');
            }
        }
        d
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">\
<rect width=\"{w}\" height=\"{h}\" fill=\"#dce8ef\"/>\
<path d=\"{}\" fill=\"#f3efe6\" stroke=\"#b9b2a3\" stroke-width=\"0.6\" fill-rule=\"evenodd\"/>\
<path d=\"{}\" fill=\"none\" stroke=\"#c9c1b1\" stroke-width=\"0.6\"/>\
</svg>\n",
        path(&world.land, true),
        path(&world.borders, false),
    )
}

/// The map of the site's places in interface language `lang`, `current` marked (a place
/// page's own place). `None` when no place has coordinates, or on a page of another kind.
pub(super) fn place_map(
    ctx: &RenderContext,
    lang: LangIx,
    current: Option<TermId>,
) -> Option<MapView> {
    let model = &ctx.model;
    if let Some(t) = current
        && model.term(t).kind != TaxonomyKind::Places
    {
        return None;
    }
    let frame = site_frame(ctx)?;
    let rtl = model.language(lang).direction == Direction::Rtl;
    let map = model.places_map();
    // The places drawn, biggest first; the page's own place first of all (drawn if it has
    // coordinates, even when it is not among the biggest).
    let mut drawn: Vec<(TermId, usize, Geo)> = map.drawn.clone();
    if let Some(t) = current {
        match drawn.iter().position(|d| d.0 == t) {
            Some(i) => {
                let own = drawn.remove(i);
                drawn.insert(0, own);
            }
            None => {
                if let Some(g) = model.geo(t) {
                    let n = model.list_len(crate::model::ListKey::Term(t));
                    drawn.insert(0, (t, n, g));
                }
            }
        }
    }
    let max = drawn.iter().map(|d| d.1).max().unwrap_or(1).max(1) as f64;
    let mut taken: Vec<[f64; 4]> = Vec::new();
    let mut labels = 0;
    let mut markers = Vec::new();
    let mut regions = Vec::new();
    let mut places = Vec::new();
    for &(t, n, g) in &drawn {
        let (x, y) = frame.project(g.lat, g.lon);
        let link = ctx.term_link(lang, t);
        let name = link.name.clone();
        let is_current = Some(t) == current;
        places.push(MapEntry {
            name: name.clone(),
            href: link.href.clone(),
            count_label: ctx.number(lang, n),
            region: g.region,
            current: is_current,
        });
        let text_w = name.chars().count() as f64 * LETTER;
        if g.region {
            let bx = [x - text_w / 2.0, y - FONT, x + text_w / 2.0, y + 2.0];
            if labels < MAX_LABELS && free(&taken, bx, &frame) {
                taken.push(bx);
                labels += 1;
                regions.push(RegionLabel {
                    x: fmt(x),
                    y: fmt(y),
                    name,
                    current: is_current,
                });
            }
            continue;
        }
        let r = R_MIN + (R_MAX - R_MIN) * (n as f64 / max).sqrt();
        taken.push([x - r, y - r, x + r, y + r]);
        let (lx, anchor) = if rtl {
            (x - r - 3.0, "end")
        } else {
            (x + r + 3.0, "start")
        };
        let ly = y + FONT / 3.0;
        let bx = if rtl {
            [lx - text_w, ly - FONT, lx, ly + 2.0]
        } else {
            [lx, ly - FONT, lx + text_w, ly + 2.0]
        };
        let label = (labels < MAX_LABELS && (is_current || free(&taken, bx, &frame))).then(|| {
            taken.push(bx);
            labels += 1;
            Label {
                x: fmt(lx),
                y: fmt(ly),
                anchor,
            }
        });
        markers.push(Marker {
            x: fmt(x),
            y: fmt(y),
            r: fmt(r),
            name,
            count: n,
            current: is_current,
            label,
        });
    }
    // The page's own place without coordinates is named among the undrawn.
    let own_undrawn = current.is_some_and(|t| !drawn.iter().any(|d| d.0 == t));
    let undrawn = map
        .undrawn
        .saturating_sub(usize::from(drawn.len() > map.drawn.len()));
    Some(MapView {
        width: frame.width as u32,
        height: frame.height as u32,
        base: ctx.urls.path(crate::plan::MAP_FILE),
        markers,
        regions,
        places,
        undrawn,
        own_undrawn,
        index: ctx.urls.path(
            &crate::plan::PageJob::TermIndex {
                lang,
                kind: TaxonomyKind::Places,
            }
            .site_path(model),
        ),
    })
}

/// Whether a label's box is inside the map and clear of every box taken.
fn free(taken: &[[f64; 4]], b: [f64; 4], frame: &Frame) -> bool {
    b[0] >= 0.0
        && b[2] <= frame.width
        && b[1] >= 0.0
        && b[3] <= frame.height
        && taken
            .iter()
            .all(|t| b[2] <= t[0] || b[0] >= t[2] || b[3] <= t[1] || b[1] >= t[3])
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geo(lat: f64, lon: f64) -> Geo {
        Geo {
            lat,
            lon,
            region: false,
        }
    }

    #[test]
    fn the_frame_holds_every_place_with_a_margin() {
        let places = [geo(34.02, -6.84), geo(14.69, -17.45), geo(50.85, 4.35)];
        let f = frame(places.into_iter()).expect("a frame");
        for p in places {
            let (x, y) = f.project(p.lat, p.lon);
            assert!(x > 10.0 && x < f.width - 10.0, "{x}");
            assert!(y > 10.0 && y < f.height - 10.0, "{y}");
        }
        // North is up and east is right.
        let (rabat, dakar) = (f.project(34.02, -6.84), f.project(14.69, -17.45));
        assert!(rabat.1 < dakar.1 && rabat.0 > dakar.0);
        let ratio = f.height / f.width;
        assert!((0.39..=1.01).contains(&ratio), "{ratio}");
        assert!(frame(std::iter::empty()).is_none());
        // One city still gets a map around it.
        let one = frame(std::iter::once(geo(34.0, -6.8))).expect("a frame");
        assert!(one.height >= 300.0, "{one:?}");
    }

    #[test]
    fn the_base_map_draws_the_land_in_the_frame() {
        let f = frame([geo(34.0, -6.8), geo(14.7, -17.4)].into_iter()).expect("a frame");
        let svg = render_base_map(&f);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.len() > 2_000 && svg.len() < 150_000, "{}", svg.len());
        assert!(svg.contains("fill-rule=\"evenodd\""));
    }
}
