# واجهة الصفحات بالعربية.
skip-to-content = انتقل إلى المحتوى
nav-label = القائمة الرئيسية
nav-home = الرئيسية
nav-topics = المواضيع
nav-actors = الفاعلون
nav-places = الأماكن
nav-sources = المصادر
language-switcher-label = اللغة
latest-briefings = أحدث الموجزات
# The root page's invitation to read the portal in this file's language: a whole sentence per
# language, never a prefix joined to the language's name (Arabic joins its preposition: بالعربية).
choose-language = اقرأ مرصد بالعربية
label-date = التاريخ
label-source = المصدر
label-updated = آخر تحديث
corrections-heading = تصويبات
source-original = المقال الأصلي
label-language = اللغة
undated = غير مؤرخ
translations-heading = متوفر أيضا بـ
# قواعد الجمع في العربية (CLDR): صفر، واحد، اثنان، قليل (3-10)، كثير (11-99)، وغير ذلك (100...).
briefing-count = { $count ->
    [zero] لا توجد موجزات
    [one] موجز واحد
    [two] موجزان
    [few] { $count } موجزات
    [many] { $count } موجزًا
   *[other] { $count } موجز
}
pagination-label = الصفحات
page-of = الصفحة { $current } من { $total }
newer = الأحدث
older = الأقدم
term-names = الأسماء
briefings-heading = الموجزات
not-found-title = الصفحة غير موجودة
not-found-body = الصفحة المطلوبة غير موجودة أو تم نقلها.
go-home = العودة إلى الصفحة الرئيسية
search-heading = البحث
search-label = ابحث في الموجزات
search-button = بحث
search-no-results = لا يوجد موجز يطابق بحثك.
search-noscript = يتطلب البحث تفعيل JavaScript. يمكنك تصفح الموجزات حسب الموضوع أو الفاعل أو المكان:
nav-archive = الأرشيف
archive-years-label = السنوات
archive-no-month = الشهر غير محدد
related-briefings = موجزات ذات صلة
timeline-heading = الموجزات حسب السنة
timeline-year = السنة
timeline-undated = { $count ->
    [zero] لا توجد موجزات غير مؤرخة.
    [one] موجز واحد غير مؤرخ لا يظهر في الرسم.
    [two] موجزان غير مؤرخين لا يظهران في الرسم.
    [few] { $count } موجزات غير مؤرخة لا تظهر في الرسم.
    [many] { $count } موجزًا غير مؤرخ لا تظهر في الرسم.
   *[other] { $count } موجز غير مؤرخ لا تظهر في الرسم.
}
search-stale = تم تحديث البوابة للتو: أعد تحميل هذه الصفحة للبحث فيها.
search-matched = طابقت عبر:
search-kind-topic = الموضوع
search-kind-actor = الفاعل
search-kind-place = المكان
search-more = نتائج أخرى
search-filters = تصفية النتائج
appears-with = يظهر مع
shared-briefings = { $count ->
    [zero] لا موجزات مشتركة
    [one] موجز مشترك واحد
    [two] موجزان مشتركان
    [few] { $count } موجزات مشتركة
    [many] { $count } موجزًا مشتركًا
   *[other] { $count } موجز مشترك
}
relations-actors = من يظهر مع من
relations-intro = الفاعلون الذين يرد ذكرهم في الموجزات نفسها، بجميع اللغات. تعرض المصفوفة أكثر الفاعلين حضورا، ويسرد الجدول أقوى الثنائيات.
relations-matrix = { $count ->
    [zero] لا فاعلين بعد.
    [one] الفاعل الأكثر حضورا: يبين الرقم في كل خانة عدد الموجزات المشتركة.
    [two] الفاعلان الأكثر حضورا: يبين الرقم في كل خانة عدد الموجزات المشتركة بينهما.
    [few] أكثر { $count } فاعلين حضورا: يبين الرقم في كل خانة عدد الموجزات المشتركة بين الاثنين.
    [many] أكثر { $count } فاعلا حضورا: يبين الرقم في كل خانة عدد الموجزات المشتركة بين الاثنين.
   *[other] أكثر { $count } فاعل حضورا: يبين الرقم في كل خانة عدد الموجزات المشتركة بين الاثنين.
}
relations-pairs = أقوى الثنائيات
relations-first = الفاعل
relations-second = يظهر مع
relations-none = لا يوجد بعد فاعلان في موجز واحد.
map-heading = أماكن الموجزات
map-list = { $count ->
    [zero] لا أماكن
    [one] مكان واحد
    [two] مكانان
    [few] { $count } أماكن
    [many] { $count } مكانًا
   *[other] { $count } مكان
}
map-undrawn = { $count ->
    [zero] لا أماكن أخرى خارج الخريطة.
    [one] مكان آخر واحد ليس على الخريطة.
    [two] مكانان آخران ليسا على الخريطة.
    [few] { $count } أماكن أخرى ليست على الخريطة.
    [many] { $count } مكانًا آخر ليس على الخريطة.
   *[other] { $count } مكان آخر ليس على الخريطة.
}
map-all = كل الأماكن
map-own-undrawn = هذا المكان ليس على الخريطة: لا يذكر السجل إحداثياته.
map-region = (منطقة)
scheduled-badge = مجدول
scheduled-note = مجدول: يُنشر هذا الموجز في { $date }. وحتى ذلك الحين لا يدخل في النشر.
translation-outdated = عُدّل النص الأصلي لهذه الترجمة بعد إعدادها.
translation-outdated-link = اقرأ النص الأصلي ({ $language })
