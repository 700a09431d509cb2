"""Every finding code, defined once (see :mod:`govdisclosure.checks.registry`)."""

from __future__ import annotations

from govdisclosure.checks.registry import N_, Gloss, define
from govdisclosure.model import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - short severity names

ART49 = "《政府信息公开条例》第四十九条"
ART50 = "《政府信息公开条例》第五十条"
NOTE3 = "表三勾稽关系注：第一项加第二项之和，等于第三项加第四项之和"
TEMPLATE = "年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）"

# --------------------------------------------------------------------- section 三
define(
    "applications.balance",
    E,
    N_(
        "{where}: new plus carried-over applications make {expected}, but the outcome total "
        "plus those carried forward make {actual} (difference {difference})."
    ),
    rule="In every column, item I plus item II equals item III (the total of outcomes) plus item IV.",
    basis=NOTE3,
)
define(
    "applications.outcome-total",
    E,
    N_(
        "{where}: the outcome total states {actual}, but the outcome rows add up to {expected} "
        "(difference {difference})."
    ),
    rule="In every column, （七）总计 equals the sum of the outcome rows （一） to （六）.",
    basis=TEMPLATE,
)
define(
    "applications.row-total",
    E,
    N_(
        "{where}: the total column states {actual}, but the six applicant columns add up to "
        "{expected} (difference {difference})."
    ),
    rule="In every row, the 总计 column equals the sum of the six applicant columns.",
    basis=TEMPLATE,
)
define(
    "applications.balance.not-assessable",
    I,
    N_("{where}: the balance of the column could not be checked: {operands} not a number."),
    rule="The column balance is not assessed when one of its cells is blank or not a number.",
    basis=NOTE3,
)
define(
    "applications.outcome-total.not-assessable",
    I,
    N_("{where}: the outcome total could not be checked: {operands} not a number."),
    rule="The outcome total is not assessed when one of its cells is blank or not a number.",
    basis=TEMPLATE,
)
define(
    "applications.row-total.not-assessable",
    I,
    N_("{where}: the row total could not be checked: {operands} not a number."),
    rule="A row total is not assessed when one of its cells is blank or not a number.",
    basis=TEMPLATE,
)
# --------------------------------------------------------------------- section 四
define(
    "review.group-total",
    E,
    N_(
        "{where}: the total states {actual}, but upheld, corrected, other and pending add up to "
        "{expected} (difference {difference})."
    ),
    rule="For review and for each kind of litigation, 总计 equals 维持 + 纠正 + 其他 + 尚未审结.",
    basis=TEMPLATE,
)
define(
    "review.group-total.not-assessable",
    I,
    N_("{where}: the total could not be checked: {operands} not a number."),
    rule="A group total is not assessed when one of its cells is blank or not a number.",
    basis=TEMPLATE,
)
# --------------------------------------------------------------------- section 二
define(
    "active.items-negative",
    E,
    N_("{where}: last year's items ({previous}) plus the change ({change}) leave {actual} items."),
    rule="2019 edition: 上一年项目数量 plus 本年增/减 (this year's number of items) is not negative.",
    basis=TEMPLATE,
)
define(
    "active.published-total",
    W,
    N_(
        "{where}: published in total ({actual}) is less than newly published this year "
        "({expected})."
    ),
    rule="2019 edition: 对外公开总数量 is at least 本年新公开数量.",
    basis=TEMPLATE,
)
# --------------------------------------------------------------------- cells
define(
    "cell.negative",
    E,
    N_("{where}: {actual} is negative; a count cannot be."),
    rule="Counts and amounts are not negative (only the 2019 本年增/减 is signed).",
    basis=TEMPLATE,
)
define(
    "cell.fraction",
    E,
    N_("{where}: {actual} is not a whole number; a count must be."),
    rule="Counts are whole numbers.",
    basis=TEMPLATE,
)
define(
    "cell.text",
    W,
    N_('{where}: "{text}" is not a number.'),
    rule="A numeric cell holds a number, is blank, or is marked not applicable.",
    basis=TEMPLATE,
)
define(
    "cell.blank-total",
    W,
    N_("{where}: the total is blank."),
    rule="Total cells are filled in.",
    basis=TEMPLATE,
)
define(
    "cell.not-applicable",
    I,
    N_('{where}: marked "{mark}" (not applicable) instead of a figure.'),
    rule="A placeholder such as / or — is not a figure; checks using the cell are not assessed.",
    basis=TEMPLATE,
)
# --------------------------------------------------------------------- structure
define(
    "structure.missing-section",
    E,
    N_("Section {heading} is missing."),
    rule="The report has the six sections of the format.",
    basis=ART50,
)
define(
    "structure.missing-table",
    E,
    N_("The table {table} is missing."),
    rule="Sections 二, 三 and 四 hold the tables of the format.",
    basis=TEMPLATE,
)
define(
    "structure.edition-mismatch",
    W,
    N_(
        "{table} follows the {table_edition} edition of the format, but a report for {year} "
        "uses the {expected_edition} edition."
    ),
    rule="Reports for 2019 and 2020 use the 2019 trial format; reports for 2021 on use the 2021 format.",
    basis="国办公开办函〔2021〕30号",
)
define(
    "structure.mixed-editions",
    I,
    N_("The report mixes tables of the 2019 and 2021 editions."),
    rule="All tables of a report follow one edition.",
    basis=TEMPLATE,
)
define(
    "structure.missing-year",
    E,
    N_("The report year is not stated."),
    rule="A report states the year it covers.",
    basis=ART49,
)
define(
    "structure.year-out-of-range",
    W,
    N_("The report year {year} is outside the years these formats cover (2019 to 2100)."),
    rule="The 2019 and 2021 formats cover report years from 2019 on; later than 2100 is a misreading.",
    basis=TEMPLATE,
)
define(
    "structure.missing-organ",
    E,
    N_("The publishing organ is not stated."),
    rule="A report names the organ that publishes it.",
    basis=ART49,
)
define(
    "overview.empty",
    W,
    N_("Section 一 (overview) is empty."),
    rule="Section 一 summarises the year's disclosure work.",
    basis=ART50,
)
define(
    "problems.empty",
    E,
    N_("Section 五 (main problems and improvements) is empty."),
    rule="Section 五 states the main problems and how they are being improved.",
    basis=ART50 + "第（四）项",
)
define(
    "other.fee-statement-missing",
    W,
    N_("Section 六 does not say whether information processing fees (信息处理费) were charged."),
    rule="Section 六 reports the collection of 信息处理费 (国办函〔2020〕109号).",
    basis="国办公开办函〔2021〕30号；国办函〔2020〕109号",
)
# --------------------------------------------------------------------- publication
define(
    "publication.late",
    W,
    N_("Published on {published}, after the deadline of {deadline} that applies to {kind}."),
    rule="Departments publish by 31 January; people's governments at county level or above by 31 March.",
    basis=ART49,
)
define(
    "publication.after-january",
    I,
    N_(
        "Published on {published}. The Regulations set no deadline for {kind}; departments "
        "must publish by 31 January, and this report came later."
    ),
    rule="Townships, streets and other organs have no statutory date; publishing after 31 January is noted.",
    basis=ART49,
)
define(
    "publication.missing-date",
    I,
    N_("The publication date is not stated."),
    rule="A report states when it was published.",
    basis=ART49,
)
define(
    "publication.premature",
    W,
    N_("Published on {published}, before the report year {year} ended."),
    rule="A report is published after the year it covers.",
    basis=ART49,
)
# --------------------------------------------------------------------- across years
define(
    "series.carry-over",
    W,
    N_(
        "{where}: carried over from last year states {actual}, but last year's report carried "
        "forward {expected} (difference {difference})."
    ),
    rule="二、上年结转 equals last year's 四、结转下年度继续办理, column by column.",
    basis=NOTE3,
)
define(
    "series.in-force",
    W,
    N_(
        "{where}: {actual} in force, but last year's {previous} plus {issued} issued minus "
        "{repealed} repealed make {expected} (difference {difference})."
    ),
    rule="现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数.",
    basis=TEMPLATE,
)
define(
    "series.items",
    W,
    N_(
        "{where}: last year's items states {actual}, but the previous report's items plus its "
        "change make {expected} (difference {difference})."
    ),
    rule="2019 edition: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减.",
    basis=TEMPLATE,
)
define(
    "series.identical-table",
    W,
    N_("{table} is identical to last year's."),
    rule="A table that repeats last year's figures exactly was probably copied.",
    basis="国办公开办函〔2021〕30号（四）明确责任：内容雷同",
)
define(
    "series.organ-mismatch",
    W,
    N_("The previous report is by {previous_organ}, not by {organ}."),
    rule="Cross-year checks compare reports of the same organ.",
)
define(
    "series.not-consecutive",
    I,
    N_(
        "The previous report is for {previous_year}, not for {expected_year}; the other "
        "cross-year checks are skipped."
    ),
    rule="Cross-year checks compare a report with the report for the year before; "
    "for any other year, or an unknown one, they are skipped.",
)
define(
    "series.duplicate-year",
    I,
    N_(
        "Another report of this organ for {year} is given before this one: the two are not "
        "compared with each other, and the report for {next_year} is compared with the first."
    ),
    rule="A series compares one report per organ and year with the year before and the "
    "year after; a further report of that year is compared with the year before only.",
)
define(
    "series.similar-narrative",
    W,
    N_(
        "{heading} is {percent}% similar to last year's (threshold {threshold}%); it was "
        "probably copied."
    ),
    rule="A prose section at least 90% similar to the same section of last year's report was probably copied.",
    basis="国办公开办函〔2021〕30号（四）明确责任：内容雷同",
)
# --------------------------------------------------------------------- reading
define(
    "parse.extra-cells",
    W,
    N_("{where}: {count} cells more than the format has: {cells}."),
    rule="A row has as many cells as the format's columns; extra ones are reported, never used.",
    basis=TEMPLATE,
)
define(
    "parse.missing-cells",
    W,
    N_("{where}: {count} cells fewer than the format has; the missing cells are blank."),
    rule="A row has as many cells as the format's columns.",
    basis=TEMPLATE,
)
define(
    "parse.label-variant",
    W,
    N_('"{found}" is read as the official label {label}.'),
    rule="Labels are printed as in the format; known variants and typos are matched and reported.",
    basis=TEMPLATE,
    glosses={"label": Gloss.LABEL},
)
define(
    "parse.heading-variant",
    I,
    N_('The heading "{found}" is read as {heading}.'),
    rule="Section headings are printed as in the format.",
    basis=TEMPLATE,
    glosses={"heading": Gloss.LABEL},
)
define(
    "parse.glued-heading",
    I,
    N_(
        'A heading printed at the end of the line before it, after "{text}", is split off '
        "and read as {heading}."
    ),
    rule="A section heading run onto the end of a table row or of a sentence (text "
    "extracted from a PDF or copied from a page) is split off and read as the heading.",
    basis=TEMPLATE,
    glosses={"heading": Gloss.LABEL},
)
define(
    "parse.split-label",
    I,
    N_("The label {label} is split across {parts} lines."),
    rule="A label printed on several lines is joined before matching.",
    glosses={"label": Gloss.LABEL},
)
define(
    "parse.unit-in-cell",
    I,
    N_("{where}: the unit {unit} is written in the cell."),
    rule="Units belong in the header; a unit in a cell is understood.",
)
define(
    "parse.unit-converted",
    W,
    N_("{where}: {original} {unit} converted to {value} {column_unit}, the column's unit."),
    rule="An amount written in another unit than the column's is converted exactly.",
    basis=TEMPLATE,
)
define(
    "parse.footnote-mark",
    W,
    N_(
        '{where}: "{mark}" beside {text} (a superscript or subscript, or digits glued to the '
        "end of a label or header word when the row has all its figures without them) is read "
        "as a footnote mark, not as part of it."
    ),
    rule="A footnote mark (<sup>, <sub> or text a page's style raises or lowers; digits glued to "
    "the end of a label or header word when "
    "the row has all its figures without them) is no part of the figure or label beside it; "
    "it is reported.",
    glosses={"text": Gloss.PRINTED},
)
define(
    "parse.uncertain-mark",
    W,
    N_(
        '{where}: "{mark}" glued to {text} may be a footnote mark or a figure: the table '
        "has too many cells with it, and its totals do not tell which; it is read as a figure."
    ),
    rule="Digits glued to a label that make a table one cell too many, where the table's "
    "identities do not tell a footnote mark from a figure, are read as before and reported.",
    glosses={"text": Gloss.PRINTED},
)
define(
    "parse.split-cells",
    W,
    N_(
        '{where}: the run-together figures "{text}" are split as {cells}, the only split that '
        "satisfies the table's identities."
    ),
    rule="Run-together figures are split only when exactly one split satisfies the identities.",
)
define(
    "parse.spaced-cells",
    W,
    N_(
        '{where}: the figures "{text}", written in one cell with spaces between them, are read '
        "as {count} cells ({cells}): the row is short of exactly that many."
    ),
    rule="A cell of several figures separated by spaces is split only when that makes the "
    "row's cells exactly as many as its columns.",
)
define(
    "parse.uncertain-cells",
    W,
    N_(
        '{where}: the run-together figures "{text}" cannot be split with certainty; the cells '
        "are left blank."
    ),
    rule="Run-together figures that more than one split (or none) explains are not guessed.",
)
define(
    "parse.unknown-row",
    W,
    N_("A row labelled {label} is not in the format; its figures are {cells}."),
    rule="Rows not in the format are reported with their figures, never merged into others.",
    basis=TEMPLATE,
    glosses={"label": Gloss.PRINTED},
)
define(
    "parse.unread-label",
    W,
    N_(
        "{where}: {text} stands among the labels of the table but is no part of any label "
        "of the format; it is not read."
    ),
    rule="Text among a table's labels that no label of the format holds is reported, "
    "never dropped.",
    basis=TEMPLATE,
    glosses={"text": Gloss.PRINTED},
)
define(
    "parse.unreadable-table",
    W,
    N_("{where}: the table could not be read ({reason}); its figures are {cells}."),
    rule="A table that cannot be read is reported with every figure it holds.",
)
define(
    "parse.stray-figures",
    W,
    N_("{where}: figures that belong to no cell: {cells}."),
    rule="Every figure inside a table ends up in a cell or in a finding.",
)
define(
    "parse.further-report",
    W,
    N_(
        "A further report begins here ({title}); only the report before it is read. The "
        "rest ({count} tables, {paragraphs} paragraphs) is not read; the figures of its "
        "tables are {cells}."
    ),
    rule="A document that holds several reports (a compilation) is read up to the second; "
    "the rest is reported with every figure of its tables, never mixed into the first "
    "(parse_all reads every report, none of them with this finding).",
    glosses={"title": Gloss.PRINTED},
)
define(
    "parse.table-image",
    W,
    N_(
        "{where}: the section has no table, and {count} picture(s) where it should stand "
        "(the first: {src}); a table published as a picture cannot be read without OCR."
    ),
    rule="A section whose table is published as a picture is reported with the picture, "
    "not taken for a missing section.",
)
define(
    "parse.unread-part",
    W,
    N_(
        "The Word document imports {part} ({type}), which was not read; figures it holds "
        "are in no table of the report: open the document in Word and save it again, or "
        "read the part."
    ),
    rule="A part imported into a Word document (w:altChunk) is read when it is a web page "
    "or plain text, and reported when it is not.",
)
define(
    "parse.unread-text",
    W,
    N_(
        "The document holds text in its {story} ({count} characters), which was not "
        "read; figures in it, in no table of the report: {cells}."
    ),
    rule="The headers and footers of a Word document beyond their page numbers, the "
    "comments and text boxes of a Word 97-2003 document, and the running heads of a PDF "
    "(its lines in the top 5 % of a page, beyond page numbers) are not read; their text "
    "is counted and its figures quoted.",
)
define(
    "parse.unread-graphic",
    W,
    N_(
        "The Word document holds a {graphic} ({part}), which was not read; {count} figure(s) "
        "in it, in no table of the report: {cells}."
    ),
    rule="A chart (its part's cached values) or SmartArt graphic (its data part's text) "
    "in a Word document is not read into the report; it is named, its figures counted and "
    "quoted.",
)
define(
    "parse.embedded-object",
    W,
    N_(
        "The Word document embeds an object of {program} ({part}); only its picture is "
        "shown, and figures it holds are in no table of the report: open it in {program}."
    ),
    rule="An object embedded in a Word document that is not a readable Excel workbook "
    "(an Excel 97 sheet, a damaged workbook) is reported, as the figures it may hold are "
    "read by no reader.",
)
define(
    "parse.embedded-sheet",
    I,
    N_(
        "A table was read from the Excel workbook the Word document embeds ({part}), "
        "sheet {sheet}, cells {range}; its rows and cells are counted from the sheet's "
        "A1. {hidden} cell(s) of the sheet with a value the object does not show "
        "(outside those cells, or under a merged range) were not read."
    ),
    rule="An Excel workbook embedded in a Word document (an Excel sheet pasted into the "
    "report) is read where its picture stands, as a table of the cells it shows.",
)
define(
    "parse.attachment",
    W,
    N_(
        "The page holds no section of a report, but links to {count} document(s): {links}. "
        "The report is there: read the attachment."
    ),
    rule="A page that only links to its report (a PDF, Word or other attachment) says "
    "where the report is.",
)
define(
    "parse.pdf-damage",
    W,
    N_(
        "The PDF is damaged: reading it, pdfminer reported {count} problem(s), the first: "
        "{problem}. What the damaged parts hold may be missing from the report."
    ),
    rule="A PDF read past damage (a stream that does not inflate whole, drawing "
    "operators with bad operands) is reported, as what the damaged parts hold may be "
    "missing. With the PDFium engine, the streams pdfminer would inflate are judged as "
    "pdfminer judges them; bad operands are not looked for.",
)
define(
    "parse.pdf-lost",
    W,
    N_(
        "{count} compressed stream(s) of the PDF do not inflate whole ({broken} broken "
        "before their end, {cut} cut short): {streams}, read for page(s) {pages}, {size} "
        "bytes compressed. Each was read without a word no further than its damage "
        "(pdfminer reads a stream broken before its end as empty): what the rest held "
        "is missing from the report."
    ),
    rule="A compressed (FlateDecode) stream that does not inflate whole, but for its "
    "checksum (which pdfminer reports: parse.pdf-damage), is read without a word: "
    "pdfminer reads one broken before its end as empty, and one cut short as far as it "
    "goes. Such streams are named, with the pages they are read for: with the default "
    "engine, each as pdfminer meets it; with PDFium, the streams pdfminer's interpreter "
    "would inflate to read each page (its content streams and forms, each font's "
    "/ToUnicode map and the font program it reads), judged in one pass.",
)
define(
    "parse.encoding",
    I,
    N_("The input was decoded as {encoding}."),
    rule="Pages and texts in UTF-8, UTF-16, UTF-32, GBK or GB18030 are decoded by their BOM, declaration or content.",
)
define(
    "parse.bytes-replaced",
    W,
    N_(
        "{count} byte(s) of the input do not decode as {encoding}, the first at offset "
        "{offset}: they were read as U+FFFD, and what they held is missing from the report."
    ),
    rule="A page or text is decoded whole: bytes that neither its byte-order mark's "
    "encoding, nor UTF-8, nor its declared charset, nor GB18030 decodes are replaced "
    "with U+FFFD, counted and located.",
)
define(
    "parse.compressed",
    I,
    N_("The input was {compression}-compressed; it was read inflated."),
    rule="A page or text saved compressed (gzip), as a crawler may keep a response, is read inflated, within the size limit.",
)
define(
    "parse.outside-content",
    W,
    N_("A table outside the report's text on the page holds figures that were not read: {cells}."),
    rule="Every figure of a report table on a page is read, or reported when it lies outside the report's text.",
)
define(
    "parse.missing-heading",
    I,
    N_("The heading {heading} was not found; the section was recognised by its content."),
    rule="Sections are found by their headings, or by their tables when headings are lost.",
    glosses={"heading": Gloss.LABEL},
)
# --------------------------------------------------------------------- input files
define(
    "input.unreadable",
    E,
    N_("The file could not be read as a report: {reason}."),
    rule="A file given to the command line or to extract holds a report the library can read.",
)
# --------------------------------------------------------------------- narrative audits
NOTICE2021 = "国办公开办函〔2021〕30号"
define(
    "narrative.figure-mismatch",
    W,
    N_(
        '{heading}, line {paragraph}: "{sentence}" states {actual}, but {operands} give '
        "{expected} (difference {difference})."
    ),
    rule="A figure the prose states about the tables equals the cells it speaks of.",
    basis="勾稽关系：正文所述数字与统计表一致",
)
define(
    "overview.topic-missing",
    I,
    N_('Section 一 (overview) does not speak of "{topic}", one of its five required topics.'),
    rule="Section 一 covers 主动公开, 依申请公开, 政府信息管理, 平台建设 and 监督保障.",
    basis=NOTICE2021 + "一、报告内容（一）总体情况",
    glosses={"topic": Gloss.TERMS},
)
define(
    "overview.assessment-missing",
    I,
    N_(
        "The report of a people's government does not state the results of {items} "
        "(Regulations, article 50 (4))."
    ),
    rule="People's governments report the results of assessment, public evaluation and accountability.",
    basis=ART50 + "第（四）项",
    glosses={"items": Gloss.TERMS},
)
define(
    "problems.part-missing",
    I,
    N_("Section 五 does not state {part}."),
    rule="Section 五 names the main problems and the measures taken or planned to improve.",
    basis=ART50 + "第（四）项",
    glosses={"part": Gloss.TERMS},
)
define(
    "series.problems-not-followed-up",
    I,
    N_("Section 五 does not follow up the problems of last year's report ({previous_year})."),
    rule="Section 五 reports how the problems named in last year's report were addressed.",
    basis=NOTICE2021 + "（五）存在的主要问题及改进情况",
)
define(
    "other.fee-unpaid-unexplained",
    I,
    N_(
        "Section 三 shows {count} applications no longer handled because a fee notice went "
        "unpaid, but section 六 says nothing of those notices and states no fee, or none charged."
    ),
    rule="Fees requested but not paid (（六）2) are explained in section 六's statement on 信息处理费.",
    basis="国办函〔2020〕109号；" + NOTICE2021,
)
define(
    "other.proposals-missing",
    I,
    N_(
        "The report of a people's government does not mention the handling of NPC deputies' "
        "suggestions and CPPCC proposals (人大代表建议和政协提案)."
    ),
    rule="People's governments report the handling and disclosure of 建议提案 in section 六.",
    basis=NOTICE2021 + "（六）其他需要报告的事项",
)
