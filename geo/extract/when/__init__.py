"""Arabic temporal expressions, anchored on an article's publication date.

News about north-east Syria dates events in Levantine month names (تشرين الأول),
Egyptian/Western ones (أكتوبر), both at once (تشرين الأول/أكتوبر), numbers
(2022.10.08), weekdays (يوم الخميس الماضي) and words relative to the day the
article was published (أمس, قبل عامين, العام الفائت). :func:`find_dates` turns
each into a :class:`DateExpr`: a span of the original text, the first and last
day meant, and a precision ("day", "month", "year").

How it works, in four steps, one module each:

1. :mod:`.text`: the text is folded for matching (diacritics, tatweel and bidi
   marks removed, alef/hamza forms unified, ى->ي, ة->ه, Arabic-Indic digits ->
   ASCII). Folding only deletes characters or replaces one by one, so an index
   map gives the span in the original text back.
2. :mod:`.rules`: every rule (a compiled regular expression built from the
   fragments of :mod:`.patterns`, and a handler using the calendar arithmetic of
   :mod:`.anchoring`) proposes candidates.
3. :mod:`.find`: candidates are kept longest first, never overlapping.
4. :mod:`.find`: a weekday followed by an explicit date ('يوم الخميس الماضي 6
   تشرين الأول') is merged into one expression; the explicit date wins, unless only
   its month or year slipped and the weekday fits the publication day ('اليوم الثلاثاء
   (2 كانون الأول 2023)' on Tuesday 2 January 2024; rule ':date_slip').

The words (month and weekday names, relative words, qualifiers, ordinals, number
words, units of time) are data, in ``geo/extract/data/calendar.toml``, read by
:mod:`.names`. Publication stamps at the top of a page are :mod:`.stamps`' job;
the value and the constants below live in :mod:`.expr`.

Conventions worth knowing (they are choices, documented here and in tests):

- Weeks start on Saturday (:data:`WEEK_START`), as the Syrian working week does;
  'الأسبوع الماضي' is the Saturday..Friday before the anchor's week.
- A day and month without a year is the latest such date not after the anchor
  plus :data:`FUTURE_TOLERANCE_DAYS`; a month without a year is the latest such
  month not after the anchor's month.
- 'شباط الفائت' is the latest February strictly before the anchor's month;
  '6 تشرين الأول الماضي' the latest 6 October strictly before the anchor.
- 'الخميس الماضي' is strictly before the anchor, 'الأحد المقبل' strictly after,
  a bare 'يوم الخميس' the latest Thursday on or before the anchor.
- 'اليوم الإثنين' is the anchor, or the latest Monday before it when the anchor
  is another weekday. 'أمس الخميس' is the day before the anchor when that is a
  Thursday; when the Thursday is a day or two earlier (an article stamped later
  than written, as seed 002) the weekday wins (rule ':weekday_wins'); further
  off, the day before the anchor stays (rule ':mismatch').
- 'ليل الأربعاء - الخميس' is Wednesday..Thursday, the latest such pair ending
  on or before the anchor; so is 'ليلة أمس الأربعاء/الخميس', and '29/30 تشرين الأول'
  (two days in a row: a night, rule 'night_pair'). 'ليلة أمس', 'ليل البارحة',
  'الليلة الماضية' are the night into the anchor ('night_last'); 'منتصف الليلة
  الماضية' the anchor; 'منتصف ليل الثلاثاء' the night Tuesday..Wednesday. The
  extractor dates an event of a night to the morning it ended.
- 'مساء الثلاثاء وصباح الأربعاء' and 'ليل الثلاثاء وفجر الأربعاء' are a night too; a
  comma after 'منتصف ليل الثلاثاء' does not make it a night of two weekdays.
- Hijri days ('15 رمضان 1445 هـ') and feasts ('أول أيام عيد الأضحى', 'صباح يوم عيد
  الفطر') are converted offline (:mod:`.hijri`); without a Hijri year, the latest such
  day on or before the anchor; 'عشية عيد الفطر' is the day before the feast. A
  Gregorian date beside a Hijri one ('الموافق') wins.
- A month followed by a would-be year that is not one ('2O22', '202') gives no date:
  the year is unknown, it is not taken from the anchor.
- 'قبل أسبوع' is the day seven days before the anchor; 'قبل شهرين' a month
  (month precision); 'قبل عامين' a year (year precision).
- Expressions anchored on an event rather than on the publication date
  ('بعد يوم واحد', 'اليوم التالي', 'قبل يومين من الهجوم') are skipped, and so are
  vague ones ('قبل أيام', 'منذ سنوات').
- Leading prepositions (في, خلال, منذ, قبل...) are not part of the span; before an
  absolute date منذ/قبل/بعد/حتى show in the rule name (':since', ':before',
  ':after', ':until') while the value stays the period named. Qualifiers (نهاية,
  مطلع, منتصف...) are part of the span, show in the rule name (':end', ':start',
  ':mid') and keep the precision.
- 'خلال الساعات الماضية', 'خلال الـ24 ساعة الأخيرة' (phrases of the calendar's ``today``
  table) and 'لليوم الثالث على التوالي' are the anchor (rules 'last_hours', 'running_day'):
  the report's own day. 'منذ مساء أمس وحتى فجر اليوم' is one night (rule 'night_span',
  dated to its end by the extractor); two days further apart, the days between ('day_span').
- A weekday beside an explicit date that falls on another weekday ('اليوم الخميس 5
  أكتوبر' on a Saturday): the date wins, the rule says ':weekday_mismatch'.
- 'يوم 18/10', 'بتاريخ 18-10': a day and month in numbers, only after a word saying a
  date follows (else '3/1' may be a score); 'الأحد قبل الماضي' is the Sunday before the last.
- A bare 'الاثنين' is also 'the two': it is Monday between commas, before a date, or
  written with a hamza ('الإثنين'), which the rules read in the original text.
- 'قبل 5 أيام من استهداف ...' is no date of its own: :mod:`.offsets` reads the count
  and the extractor moves the clause's date by it for the event named after it.
- Rule names are short ASCII words ('day_month', 'month_past', 'years_ago',
  'weekday_past+day_month'...), meant for the 'why' shown to analysts.

Examples
--------
>>> import datetime
>>> [(e.text, e.iso, e.rule) for e in find_dates("قُتل جندي أمس", datetime.date(2022, 10, 8))]
[('أمس', '2022-10-07', 'yesterday')]
"""

from __future__ import annotations

from .expr import DAMASCUS, FUTURE_TOLERANCE_DAYS, PRECISIONS, WEEK_START, DateExpr
from .find import find_dates, parse_date
from .stamps import find_publication_date

__all__ = [
    "DAMASCUS",
    "FUTURE_TOLERANCE_DAYS",
    "PRECISIONS",
    "WEEK_START",
    "DateExpr",
    "find_dates",
    "find_publication_date",
    "parse_date",
]
