//! Typed indices: a briefing, a term, an interface language. Each is a position in one
//! list (the site's briefings in site order, the taxonomies' terms, `site.toml`'s languages),
//! so a `BriefingId` can never index the terms by mistake, nor a language a briefing.
//!
//! A `Vec<T>` is indexed by the id of its kind directly (`briefings[id]`), and
//! [`ids_of`] lists every id of a list in order.

/// Declares a typed index: its constructor from a position, the position back, and indexing
/// of a `Vec` and a slice by it.
macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident, $repr:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name($repr);

        impl $name {
            /// The id of position `i` of its list.
            pub const fn new(i: usize) -> Self {
                $name(i as $repr)
            }

            /// Its position in its list.
            pub const fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl From<usize> for $name {
            fn from(i: usize) -> Self {
                $name::new(i)
            }
        }

        impl<T> std::ops::Index<$name> for Vec<T> {
            type Output = T;
            fn index(&self, id: $name) -> &T {
                &self[id.index()]
            }
        }

        impl<T> std::ops::IndexMut<$name> for Vec<T> {
            fn index_mut(&mut self, id: $name) -> &mut T {
                &mut self[id.index()]
            }
        }

        impl<T> std::ops::Index<$name> for [T] {
            type Output = T;
            fn index(&self, id: $name) -> &T {
                &self[id.index()]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

index_type!(
    /// A briefing: its position in the site's list, which is site order (newest first).
    BriefingId,
    u32
);
index_type!(
    /// A topic, actor, place or source: its position among the taxonomies' terms.
    TermId,
    u32
);
index_type!(
    /// An interface language: its position among `site.toml`'s `[[languages]]`.
    LangIx,
    u8
);

/// Every id of a list of `len` items, in order.
pub fn ids_of<I: From<usize>>(
    len: usize,
) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator {
    (0..len).map(I::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_index_their_lists() {
        let v: Vec<&str> = ["a", "b", "c"].to_vec();
        assert_eq!(v[BriefingId::new(1)], "b");
        let ids: Vec<TermId> = ids_of(3).collect();
        assert_eq!(ids, [TermId::new(0), TermId::new(1), TermId::new(2)]);
        assert_eq!(LangIx::new(2).index(), 2);
    }
}
