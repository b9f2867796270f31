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
appears-with = Apparaît avec
shared-briefings = { $count ->
    [one] { $count } note en commun
    [many] { $count } de notes en commun
   *[other] { $count } notes en commun
}
relations-actors = Qui apparaît avec qui
relations-intro = Les acteurs cités dans les mêmes notes, toutes langues confondues. La matrice montre les acteurs les plus présents ; le tableau, les paires les plus fréquentes.
relations-matrix = { $count ->
    [one] L’acteur le plus présent : chaque case indique le nombre de notes en commun.
    [many] Les { $count } d’acteurs les plus présents : chaque case indique le nombre de notes que les deux ont en commun.
   *[other] Les { $count } acteurs les plus présents : chaque case indique le nombre de notes que les deux ont en commun.
}
relations-pairs = Paires les plus fréquentes
relations-first = Acteur
relations-second = Apparaît avec
relations-none = Aucun acteur n’apparaît encore dans la même note qu’un autre.
map-heading = Où se situent les notes
map-list = { $count ->
    [one] { $count } lieu
    [many] { $count } de lieux
   *[other] { $count } lieux
}
map-undrawn = { $count ->
    [one] { $count } autre lieu n’est pas sur la carte.
    [many] { $count } autres lieux ne sont pas sur la carte.
   *[other] { $count } autres lieux ne sont pas sur la carte.
}
map-all = Tous les lieux
map-own-undrawn = Ce lieu n’est pas sur la carte : le registre ne donne pas ses coordonnées.
map-region = (région)
scheduled-badge = Programmée
scheduled-note = Programmée : cette note paraîtra le { $date }. D’ici là, la publication l’écarte.
translation-outdated = L’original de cette traduction a été modifié depuis qu’elle a été faite.
translation-outdated-link = Lire l’original ({ $language })
