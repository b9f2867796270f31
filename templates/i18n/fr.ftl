# Habillage des pages en français.
skip-to-content = Aller au contenu
nav-label = Navigation principale
nav-home = Accueil
nav-topics = Thèmes
nav-actors = Acteurs
nav-places = Lieux
nav-sources = Sources
language-switcher-label = Langue
latest-briefings = Dernières notes
# The root page's invitation to read the portal in this file's language: a whole sentence per
# language, never a prefix joined to the language's name (Arabic joins its preposition: بالعربية).
choose-language = Lire Marsad en français
label-date = Date
label-source = Source
label-updated = Mis à jour
corrections-heading = Rectificatifs
source-original = article d’origine
label-language = Langue
undated = Non datée
translations-heading = Également disponible en
# CLDR: « one » couvre 0 et 1 ; « many » les grands nombres ronds (1 000 000 de notes).
briefing-count = { $count ->
    [one] { $count } note
    [many] { $count } de notes
   *[other] { $count } notes
}
pagination-label = Pages
page-of = Page { $current } sur { $total }
newer = Plus récentes
older = Plus anciennes
term-names = Noms
related-topics = Thèmes associés
related-actors = Souvent cité avec
briefings-heading = Notes
not-found-title = Page introuvable
not-found-body = La page demandée n’existe pas ou a été déplacée.
go-home = Aller à l’accueil
search-heading = Recherche
search-label = Rechercher dans les notes
search-button = Rechercher
search-no-results = Aucune note ne correspond à votre recherche.
search-noscript = La recherche a besoin de JavaScript. Vous pouvez parcourir les notes par thème, acteur ou lieu :
nav-archive = Archives
archive-years-label = Années
archive-no-month = Mois non précisé
related-briefings = Notes liées
timeline-heading = Notes par année
timeline-year = Année
timeline-undated = { $count ->
    [one] { $count } note n’a pas de date et n’est pas représentée.
    [many] { $count } de notes n’ont pas de date et ne sont pas représentées.
   *[other] { $count } notes n’ont pas de date et ne sont pas représentées.
}
search-stale = Le portail vient d’être mis à jour : rechargez cette page pour y chercher.
search-matched = Trouvée par :
search-kind-topic = thème
search-kind-actor = acteur
search-kind-place = lieu
search-more = Plus de résultats
search-filters = Filtrer les résultats
