//! Every word of the program's own interface, in both languages, in one place (content texts come
//! from the pack; the core's words are in [`kouteki_core::i18n`]). One module per front end, so two
//! screens can use the same short name.

/// The full-screen interview.
pub mod tui {
    use kouteki_core::i18n::Text2;
    use kouteki_core::lang::Lang;

    /// A number question's allowed range, as written in each language.
    pub fn number_range(min: i64, max: i64, lang: Lang) -> String {
        match lang {
            Lang::En => format!("{min} – {max}"),
            Lang::Ja => format!("{min}〜{max}"),
        }
    }

    /// "Label value" in English, "ラベル: 値" in Japanese.
    pub fn labelled(label: Text2, value: &str, lang: Lang) -> String {
        match lang {
            Lang::En => format!("{} {value}", label.en),
            Lang::Ja => format!("{}: {value}", label.ja),
        }
    }

    kouteki_core::texts! {
        /// The header's language badge.
        LANG_BADGE = ("EN", "日本語");
        /// App title in the header.
        TITLE = ("kouteki · Public duties check", "kouteki · 公的義務チェック");
        /// Welcome: what the check covers.
        WELCOME_INTRO = (
            "This check asks about your situation in Japan and shows, for each area, whether you are keeping your public duties: what is fine, what to check, and what to fix, with the documents to prepare and the law behind each point.",
            "日本での状況についていくつか質問し、分野ごとに公的義務を果たせているかを表示します。問題のない点、確認が必要な点、対応が必要な点を、用意する書類と根拠となる法令とあわせて示します。"
        );
        /// Welcome: the areas.
        WELCOME_AREAS = ("It covers:", "確認する分野:");
        /// Privacy, local.
        PRIVACY_LOCAL = (
            "Your answers stay on this computer. A draft is saved after each answer so you can resume.",
            "回答はこのコンピューターの中だけに保存されます。回答ごとに下書きを保存するので、途中から再開できます。"
        );
        /// Privacy, local without saving.
        PRIVACY_NO_SAVE = (
            "Your answers stay on this computer and are not saved (--no-save).",
            "回答はこのコンピューターの中だけにあり、保存されません(--no-save)。"
        );
        /// Privacy over SSH.
        PRIVACY_SESSION = (
            "Your answers live only in the server's memory for this session and are gone when it ends, unless you agree to recording.",
            "回答はこの接続の間だけサーバーのメモリー上にあり、終了すると消去されます(記録に同意した場合を除きます)。"
        );
        /// Content review date label.
        REVIEWED_ON = ("Content reviewed on", "内容の確認日:");
        /// Welcome menu: resume.
        RESUME = ("Resume your saved answers", "保存した回答から再開する");
        /// Welcome menu: start.
        START = ("Start the check", "チェックを始める");
        /// Welcome menu: start afresh when a draft exists.
        START_AFRESH = ("Start afresh (discard the saved answers)", "最初から始める(保存した回答を破棄)");
        /// Welcome menu: language.
        LANGUAGE = ("Language: English  (Enter: 日本語)", "言語: 日本語  (Enter: English)");
        /// Progress: section.
        SECTION = ("Section", "セクション");
        /// Progress: question.
        QUESTION = ("Question", "質問");
        /// "of" in "3 of 10".
        OF = ("of", "/");
        /// Help panel: why.
        WHY_WE_ASK = ("Why we ask", "この質問の理由");
        /// Help panel: where.
        WHERE_TO_FIND = ("Where to find this", "確認できる場所");
        /// Multi-choice hint.
        MULTI_HINT = ("Space ticks an option; Enter confirms.", "Spaceで選択/解除、Enterで確定します。");
        /// Field hint for dates.
        DATE_HINT = ("Format: YYYY-MM-DD", "形式: 年-月-日(例 2026-04-01)");
        /// Review title.
        REVIEW = ("Review your answers", "回答の確認");
        /// Review: show results.
        SHOW_RESULTS = ("Show results", "結果を表示する");
        /// Review hint.
        REVIEW_HINT = ("Enter on an answer to change it.", "変更したい回答を選んでEnterを押してください。");
        /// Banner: ok.
        BANNER_OK = ("No problems found", "問題は見つかりませんでした");
        /// Banner: info.
        BANNER_INFO = ("No problems found: some information for you", "問題は見つかりませんでした(お知らせがあります)");
        /// Banner: caution.
        BANNER_CAUTION = ("Points to check", "確認が必要な点があります");
        /// Banner: violation.
        BANNER_VIOLATION = ("Problems to fix now", "すぐに対応が必要な点があります");
        /// About this result (notes, disclaimer).
        ABOUT = ("About this result", "この結果について");
        /// Too small.
        TOO_SMALL = ("Please enlarge the terminal", "ターミナルの画面を大きくしてください");
        /// Quit confirmation.
        CONFIRM_QUIT = ("Quit kouteki? Your answers so far are kept. (y / n)", "終了しますか?ここまでの回答は保存されています。(y / n)");
        /// Quit confirmation without saving.
        CONFIRM_QUIT_NO_SAVE = ("Quit kouteki? Your answers will be lost. (y / n)", "終了しますか?回答は保存されません。(y / n)");
        /// Help title.
        HELP = ("Keys", "キー操作");
        /// Help close hint.
        HELP_CLOSE = ("Press any key to close.", "いずれかのキーで閉じます。");
        /// Hint: move.
        HINT_MOVE = ("move", "移動");
        /// Hint: confirm.
        HINT_CONFIRM = ("confirm", "決定");
        /// Hint: back.
        HINT_BACK = ("back", "戻る");
        /// Hint: toggle.
        HINT_TOGGLE = ("tick", "選択");
        /// Hint: language.
        HINT_LANG = ("日本語", "English");
        /// Hint: help.
        HINT_HELP = ("help", "ヘルプ");
        /// Hint: quit.
        HINT_QUIT = ("quit", "終了");
        /// Hint: panes.
        HINT_PANE = ("switch pane", "切替");
        /// Hint: save report.
        HINT_SAVE = ("save report", "レポート保存");
        /// Hint: restart.
        HINT_RESTART = ("restart", "やり直す");
        /// Hint: change answers.
        HINT_CHANGE = ("change answers", "回答を変更");
        /// Recording consent question.
        RECORD_CONSENT = (
            "May your consultant keep a copy of your answers and this report? It is stored on the consultant's server, readable only by them. (y = yes / n = no)",
            "回答とこの結果のコピーを相談先が保存してもよろしいですか?相談先のサーバーに、相談先のみが閲覧できる形で保存されます。(y = はい / n = いいえ)"
        );
        /// Report cannot be saved over SSH.
        REPORT_OVER_SSH = (
            "over SSH the report cannot be saved on your computer; your consultant can keep a copy if you agree",
            "SSH接続ではお使いのコンピューターに保存できません。同意いただければ相談先がコピーを保存できます"
        );
        /// Report saved.
        REPORT_SAVED = ("Report saved (readable only by you):", "レポートを保存しました(本人のみ閲覧可):");
        /// Report not saved.
        REPORT_FAILED = ("Could not save the report:", "レポートを保存できませんでした:");
        /// Draft not saved.
        DRAFT_FAILED = ("Could not save your answers; they are kept only until you quit:", "回答を保存できませんでした。終了するまでは保持されます:");
        /// Help: move.
        HELP_MOVE = ("Move", "移動");
        /// Help: confirm.
        HELP_CONFIRM = ("Confirm", "決定");
        /// Help: back.
        HELP_BACK = ("Back (outside a text field)", "戻る(入力欄の外)");
        /// Help: tick.
        HELP_TOGGLE = ("Tick an option (multi choice)", "選択/解除(複数選択)");
        /// Help: panes.
        HELP_PANE = ("Switch panes (result)", "表示の切替(結果画面)");
        /// Help: language.
        HELP_LANG = ("English / 日本語", "English / 日本語");
        /// Help: this help.
        HELP_HELP = ("This help", "このヘルプ");
        /// Help: save.
        HELP_SAVE = ("Save the report (result)", "レポートを保存(結果画面)");
        /// Help: save the HTML report.
        HELP_SAVE_HTML = ("Save the report as HTML to print (result)", "印刷用のHTMLでレポートを保存(結果画面)");
        /// Help: change answers.
        HELP_CHANGE = ("Change answers (result)", "回答を変更(結果画面)");
        /// Help: restart.
        HELP_RESTART = ("Restart (result)", "やり直す(結果画面)");
        /// Help: quit.
        HELP_QUIT = ("Quit (asks first)", "終了(確認あり)");
        /// Help: quit at once.
        HELP_FORCE_QUIT = ("Quit at once", "すぐに終了");
        /// Help: letters in fields.
        HELP_FIELDS = ("In a number, date or text field, letters are typed; use the arrows, Enter, Esc and F1 there.", "数字・日付・文字の入力欄では文字キーは入力になります。矢印・Enter・Esc・F1は使えます。");
    }
}

/// The line-by-line interview (`--plain`).
pub mod plain {
    kouteki_core::texts! {
        /// Commands reminder.
        COMMANDS = ("(b = back, q = quit, ? = why we ask)", "(b = 戻る、q = 終了、? = 質問の理由)");
        /// Multi-choice prompt.
        MULTI = ("Numbers separated by commas, or 0 for none", "番号をカンマ区切りで入力(なしは 0)");
        /// Choice prompt.
        CHOOSE = ("Number", "番号");
        /// Answer prompt.
        ANSWER = ("Answer", "回答");
        /// Invalid choice.
        BAD_CHOICE = ("Please enter one of the numbers shown.", "表示された番号を入力してください。");
        /// Review heading.
        REVIEW = ("Your answers:", "回答の確認:");
        /// Review prompt.
        REVIEW_PROMPT = ("Press Enter to see the result, or type a number to change that answer", "Enterで結果を表示します。回答を変更する場合はその番号を入力してください");
        /// Progress word.
        QUESTION = ("Question", "質問");
        /// Quit message.
        QUIT = ("Stopped. Answers given so far are kept in the draft unless saving is off.", "中断しました。保存が有効な場合、ここまでの回答は下書きに残っています。");
    }
}

/// What a client of `kouteki serve` reads outside the interview. Lines shown before the client's
/// language is known are in both languages.
pub mod ssh {
    kouteki_core::texts! {
        /// After quitting.
        FAREWELL_QUIT = (
            "Thank you. Your answers were not kept on the server unless you agreed to recording.",
            "ご利用ありがとうございました。記録に同意された場合を除き、回答はサーバーに残っていません。"
        );
        /// After the idle timeout.
        FAREWELL_IDLE = (
            "The session ended after a long time without input; your answers were discarded.",
            "長時間操作がなかったため終了しました。回答は破棄されました。"
        );
        /// After the maximum session length.
        FAREWELL_MAX_LENGTH = (
            "The session reached its maximum length and ended; your answers were discarded.",
            "接続時間の上限に達したため終了しました。回答は破棄されました。"
        );
        /// When the server stops.
        FAREWELL_SERVER_CLOSING = (
            "The server is closing. Your answers were discarded; please connect again later.",
            "サーバーを終了します。回答は破棄されました。時間をおいて再度接続してください。"
        );
    }

    /// The keyboard-interactive instructions.
    pub const CODE_INSTRUCTIONS: &str = "Enter the access code your consultant gave you. / 相談先から伝えられたアクセスコードを入力してください。";
    /// The keyboard-interactive prompt.
    pub const CODE_PROMPT: &str = "Access code / アクセスコード: ";
    /// A client without a pty.
    pub const NEEDS_PTY: &str =
        "kouteki needs an interactive terminal: connect with `ssh -t` (ssh -t -p PORT USER@HOST).";
    /// Too many sessions from one address.
    pub const FULL_PER_ADDRESS: &str = "Sorry, there are already several consultations open from your address. Please close one and try again. / 同じ接続元からの相談がすでに開かれています。いずれかを終了してから再度接続してください。";
    /// All sessions in use.
    pub const FULL: &str = "Sorry, all consultation slots are in use right now. Please try again in a few minutes. / ただいま混み合っています。数分後に再度接続してください。";
    /// An exec request.
    pub const NO_COMMANDS: &str =
        "kouteki serves an interactive interview only; commands are not run.";
}
