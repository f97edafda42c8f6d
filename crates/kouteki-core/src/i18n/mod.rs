//! Every interface string of the core in both languages, in one place: the words of reports, the
//! names of severities and areas, and the messages of the interview's input checks. Front ends keep
//! their own words in one place of their own (the binary's `strings.rs`).
//!
//! Kept in code rather than in the pack because they belong to the program's layout, not to the law;
//! the pack holds everything that has a source.

use crate::interview::InputError;
use crate::lang::{Lang, Text};
use crate::severity::{Area, Severity};

/// Declares [`Text2`] constants: `NAME = ("English", "日本語");`, for the core's words and a front
/// end's own.
#[macro_export]
macro_rules! texts {
    ($($(#[$doc:meta])* $name:ident = ($en:expr, $ja:expr);)*) => {
        $($(#[$doc])* pub const $name: $crate::i18n::Text2 = $crate::i18n::Text2 { en: $en, ja: $ja };)*
    };
}

/// A compile-time text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Text2 {
    /// English.
    pub en: &'static str,
    /// Japanese.
    pub ja: &'static str,
}

impl Text2 {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ja => self.ja,
        }
    }

    /// As an owned [`Text`].
    pub fn to_text(self) -> Text {
        Text::new(self.en, self.ja)
    }
}

crate::texts! {
    /// Report title.
    REPORT_TITLE = ("Public duties check", "公的義務チェック");
    /// "Evaluated as of".
    AS_OF = ("Assessed as of", "判定日");
    /// "Content reviewed".
    REVIEWED = ("Content reviewed", "内容の確認日");
    /// Overall verdict label.
    OVERALL = ("Overall", "総合判定");
    /// Findings heading.
    FINDINGS = ("Findings", "確認結果");
    /// No findings at all.
    NO_FINDINGS = ("No problems found.", "問題は見つかりませんでした。");
    /// No findings in an area.
    AREA_CLEAR = ("No problems found in this area.", "この分野では問題は見つかりませんでした。");
    /// "What to do".
    ACTIONS = ("What to do", "対応");
    /// "Documents to prepare".
    DOCUMENTS = ("Documents to prepare", "用意する書類");
    /// "Sources".
    SOURCES = ("Sources", "根拠・出典");
    /// "Why": the answers a finding rests on.
    WHY = ("Based on your answers", "根拠となった回答");
    /// Upcoming heading.
    UPCOMING = ("Upcoming changes", "今後の変更");
    /// Heading: what is marked to discuss, with the consultant's notes.
    TO_DISCUSS = ("To discuss with your consultant", "相談員と話したいこと");
    /// Heading: the consultant's notes.
    CONSULTANT_NOTES = ("Notes from your consultant", "相談員からのメモ");
    /// A marked question not answered (or no longer asked).
    NOT_ANSWERED = ("not answered", "未回答");
    /// A planned (not yet law) change.
    PLANNED = ("planned, not yet law", "予定・未成立");
    /// A plan whose date has passed.
    CHECK_TOOK_EFFECT = ("its date has passed: check whether it took effect", "予定日を過ぎています。実施されたか確認してください");
    /// Notes heading.
    NOTES = ("Notes", "補足");
    /// Timeline heading.
    TIMELINE = ("Timeline", "今後の日程");
    /// Documents heading.
    DOCUMENTS_TO_BRING = ("Documents to bring", "用意する書類");
    /// The earliest clean application date's label.
    EARLIEST_CLEAN = ("Earliest clean application date", "期限後納付が確認期間から外れる日");
    /// What the earliest clean application date means.
    EARLIEST_CLEAN_MEANING = ("from this date an application's look-back windows no longer hold a late payment you told us about", "この日以降に申請すれば、回答された期限後の納付は確認期間に含まれません");
    /// "Where to get it".
    WHERE_TO_GET = ("Where to get it", "取得先");
    /// "Asked for by".
    ASKED_FOR_BY = ("Asked for by", "関係する確認結果");
    /// Kind: deadline.
    KIND_DEADLINE = ("deadline", "期限");
    /// Kind: opens.
    KIND_OPENS = ("opens", "開始");
    /// Kind: clean.
    KIND_CLEAN = ("clean", "確認期間の経過");
    /// Unanswered questions note.
    UNANSWERED = ("Questions added in a later content version were not answered; they change no result", "新しい版で追加された質問に回答がありません(判定には影響しません)");
    /// Yes.
    YES = ("Yes", "はい");
    /// No.
    NO = ("No", "いいえ");
    /// Nothing selected in a multi-choice.
    NONE_SELECTED = ("None", "なし");
    /// The area column of the HTML report's table.
    AREA_COLUMN = ("Area", "分野");
    /// The result column of the HTML report's table.
    RESULT_COLUMN = ("Result", "判定");
    /// The findings count column of the HTML report's table.
    COUNT_COLUMN = ("Findings", "件数");
    /// Official source kind.
    KIND_OFFICIAL = ("official", "公的機関");
    /// Secondary source kind.
    KIND_SECONDARY = ("secondary", "専門家等の解説");
    /// Plan source kind.
    KIND_PLAN = ("plan", "予定");
}

/// A date as each language writes it: ISO `2026-11-24` in English, `2026年11月24日` in Japanese.
pub fn date(d: jiff::civil::Date, lang: Lang) -> String {
    match lang {
        Lang::En => d.to_string(),
        Lang::Ja => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

/// A month as each language writes it: `2025-07` in English, `2025年7月` in Japanese.
pub fn month(m: crate::dates::Month, lang: Lang) -> String {
    match lang {
        Lang::En => m.to_string(),
        Lang::Ja => format!("{}年{}月", m.year(), m.month()),
    }
}

/// A list of fiscal years (年度) as a city office writes them: 「令和4年度〜令和8年度（2022〜2026年度）」
/// for a run of years, "fiscal years 2022–2026" in English; a single year alone.
pub fn fiscal_years(years: &[i16], lang: Lang) -> String {
    let one = |y: i16| match (lang, crate::dates::reiwa_year(y)) {
        (Lang::Ja, Some(r)) => format!("令和{r}年度"),
        (Lang::Ja, None) => format!("{y}年度"),
        (Lang::En, _) => y.to_string(),
    };
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return String::new();
    };
    match (lang, first == last) {
        (Lang::En, true) => format!("fiscal year {first}"),
        (Lang::En, false) => format!("fiscal years {first}–{last}"),
        (Lang::Ja, true) => one(*first),
        (Lang::Ja, false) => format!("{}〜{}（{first}〜{last}年度）", one(*first), one(*last)),
    }
}

/// How far a date is from the evaluation date: "in 43 days", "12 days ago", "today"
/// (「43日後」「12日前」「今日」).
pub fn relative_days(days: i64, lang: Lang) -> String {
    match (lang, days) {
        (Lang::En, 0) => "today".into(),
        (Lang::En, 1) => "tomorrow".into(),
        (Lang::En, -1) => "yesterday".into(),
        (Lang::En, d) if d > 0 => format!("in {d} days"),
        (Lang::En, d) => format!("{} days ago", -d),
        (Lang::Ja, 0) => "今日".into(),
        (Lang::Ja, d) if d > 0 => format!("{d}日後"),
        (Lang::Ja, d) => format!("{}日前", -d),
    }
}

/// A run of months: "2024-11 to 2026-10", 「2024年11月〜2026年10月」.
pub fn month_range(from: crate::dates::Month, to: crate::dates::Month, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{from} to {to}"),
        Lang::Ja => format!("{}〜{}", month(from, lang), month(to, lang)),
    }
}

/// "issued within 3 months" (「発行から3か月以内のもの」).
pub fn issued_within(months: u8, lang: Lang) -> String {
    match lang {
        Lang::En => format!("issued within {months} months"),
        Lang::Ja => format!("発行から{months}か月以内のもの"),
    }
}

/// When an upcoming change starts, as a report line opens with it: a dated rule "from 2027-04-01"
/// (「2027年4月1日から」), a plan only its planned date ("planned for 2027-03-31",
/// 「予定日 2027年3月31日」), since a plan is not law and has no date of effect.
pub fn upcoming_date(d: jiff::civil::Date, plan: bool, lang: Lang) -> String {
    match (plan, lang) {
        (false, Lang::En) => format!("from {d}"),
        (false, Lang::Ja) => format!("{}から", date(d, lang)),
        (true, Lang::En) => format!("planned for {d}"),
        (true, Lang::Ja) => format!("予定日 {}", date(d, lang)),
    }
}

/// "Yes" or "No" in `lang`.
pub fn yes_no(value: bool, lang: Lang) -> &'static str {
    if value { YES.get(lang) } else { NO.get(lang) }
}

/// The Markdown report's area table header.
pub const AREA_TABLE_HEADER: Text2 = Text2 {
    en: "| Area | Result | Findings |",
    ja: "| 分野 | 判定 | 件数 |",
};

impl Severity {
    /// The word shown to users (the Japanese words are fixed by the contract).
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Ok, Lang::En) => "OK",
            (Severity::Info, Lang::En) => "Info",
            (Severity::Caution, Lang::En) => "Check",
            (Severity::Violation, Lang::En) => "Action needed",
            (Severity::Ok, Lang::Ja) => "問題なし",
            (Severity::Info, Lang::Ja) => "お知らせ",
            (Severity::Caution, Lang::Ja) => "要確認",
            (Severity::Violation, Lang::Ja) => "要対応",
        }
    }
}

impl Area {
    /// The area's name for users (the Japanese names are fixed by the contract).
    pub fn title(self) -> Text {
        match self {
            Area::Taxes => Text::new("Taxes", "税金"),
            Area::SocialInsurance => Text::new("Pension and health insurance", "年金・医療保険"),
            Area::Notifications => Text::new("Notifications and period of stay", "届出・在留期間"),
            Area::Cards => Text::new(
                "Residence card and My Number Card",
                "在留カード・マイナンバーカード",
            ),
        }
    }

    /// The area's name where the full one does not fit (a card on a narrow screen).
    pub fn short_title(self) -> Text {
        match self {
            Area::Taxes => Text::new("Taxes", "税金"),
            Area::SocialInsurance => Text::new("Pension & health", "年金・医療保険"),
            Area::Notifications => Text::new("Notifications & stay", "届出・在留期間"),
            Area::Cards => Text::new("Residence & My Number cards", "在留カード等"),
        }
    }
}

impl InputError {
    /// The message shown under the field, in the field's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (InputError::Empty, Lang::En) => "Please enter an answer.".into(),
            (InputError::Empty, Lang::Ja) => "回答を入力してください。".into(),
            (InputError::NotANumber, Lang::En) => {
                "Please enter a whole number (digits only).".into()
            }
            (InputError::NotANumber, Lang::Ja) => "半角数字で入力してください。".into(),
            (InputError::OutOfRange { min, max }, Lang::En) => {
                format!("Please enter a number from {min} to {max}.")
            }
            (InputError::OutOfRange { min, max }, Lang::Ja) => {
                format!("{min}から{max}までの数字を入力してください。")
            }
            (InputError::NotADate, Lang::En) => {
                "Please enter a date as YYYY-MM-DD, e.g. 2026-04-01.".into()
            }
            (InputError::NotADate, Lang::Ja) => {
                "日付は「2026-04-01」のように年-月-日で入力してください。".into()
            }
            (InputError::NotAMonth, Lang::En) => {
                "Please enter a month as YYYY-MM, e.g. 2025-07 (2025/7 works too).".into()
            }
            (InputError::NotAMonth, Lang::Ja) => {
                "月は「2025-07」「2025/7」「2025年7月」のように入力してください。".into()
            }
            (InputError::MonthAfter { latest }, Lang::En) => {
                format!("Please enter a month up to {latest} (this month or earlier).")
            }
            (InputError::MonthAfter { latest }, Lang::Ja) => format!(
                "{}までの月を入力してください（今月より後の月は入力できません）。",
                month(*latest, lang)
            ),
            (InputError::WrongKind, Lang::En) => "This answer does not fit the question.".into(),
            (InputError::WrongKind, Lang::Ja) => "この質問に合わない回答です。".into(),
            (InputError::NoQuestion, Lang::En) => "There is no question to answer here.".into(),
            (InputError::NoQuestion, Lang::Ja) => "ここで回答する質問はありません。".into(),
        }
    }
}
