//! Interface words in both languages that are not content: labels of reports and prompts.
//!
//! Kept in code rather than in the pack because they belong to the program's layout, not to the law;
//! the pack holds everything that has a source.

use crate::lang::{Lang, Text};

/// Declares `Text2` constants: `NAME = ("English", "日本語");`.
macro_rules! texts {
    ($($(#[$doc:meta])* $name:ident = ($en:expr, $ja:expr);)*) => {
        $($(#[$doc])* pub const $name: $crate::ui_text::Text2 = $crate::ui_text::Text2 { en: $en, ja: $ja };)*
    };
}
pub(crate) use texts;

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

texts! {
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
    /// A planned (not yet law) change.
    PLANNED = ("planned, not yet law", "予定・未成立");
    /// A plan whose date has passed.
    CHECK_TOOK_EFFECT = ("its date has passed: check whether it took effect", "予定日を過ぎています。実施されたか確認してください");
    /// "from" before a date.
    FROM = ("from", "施行");
    /// Notes heading.
    NOTES = ("Notes", "補足");
    /// Unanswered questions note.
    UNANSWERED = ("Questions added in a later content version were not answered; they change no result", "新しい版で追加された質問に回答がありません(判定には影響しません)");
    /// Yes.
    YES = ("Yes", "はい");
    /// No.
    NO = ("No", "いいえ");
    /// Nothing selected in a multi-choice.
    NONE_SELECTED = ("None", "なし");
    /// Official source kind.
    KIND_OFFICIAL = ("official", "公的機関");
    /// Secondary source kind.
    KIND_SECONDARY = ("secondary", "専門家等の解説");
    /// Plan source kind.
    KIND_PLAN = ("plan", "予定");
}

/// "Yes" or "No" in `lang`.
pub fn yes_no(value: bool, lang: Lang) -> &'static str {
    if value { YES.get(lang) } else { NO.get(lang) }
}
