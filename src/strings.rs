//! Every word of the program's own interface, in both languages, in one place (content texts come
//! from the pack; the core's words are in [`kouteki_core::i18n`]). One module per front end, so two
//! screens can use the same short name.

/// The full-screen interview.
pub mod tui {
    use kouteki_core::i18n::Text2;
    use kouteki_core::lang::Lang;

    /// A code typed to resume a session of another server (instances behind one balancer): where
    /// to connect to resume it.
    pub fn resume_elsewhere(server: &crate::tui::consultation::OtherServer, lang: Lang) -> String {
        let (name, host, port, command) =
            (&server.name, &server.host, server.port, &server.command);
        match lang {
            Lang::En => format!(
                "{} Connect to {host} port {port} ({command}), choose “{}” and type the code again.",
                super::codes_of_server(name, lang),
                RESUME_SESSION.get(lang)
            ),
            Lang::Ja => format!(
                "{}{host} のポート {port} に接続し直し（{command}）、「{}」を選んでもう一度コードを入力してください。",
                super::codes_of_server(name, lang),
                RESUME_SESSION.get(lang)
            ),
        }
    }

    /// A number question's allowed range, as written in each language.
    pub fn number_range(min: i64, max: i64, lang: Lang) -> String {
        match lang {
            Lang::En => format!("{min} – {max}"),
            Lang::Ja => format!("{min}〜{max}"),
        }
    }

    /// A month field's form and range: the evaluation month is the latest a month answer may be.
    pub fn month_hint(latest: kouteki_core::dates::Month, lang: Lang) -> String {
        match lang {
            Lang::En => format!("Format: YYYY-MM (or 2025/7, 2025年7月) · up to {latest}"),
            Lang::Ja => format!(
                "形式：年-月（例 2025-07、2025/7、2025年7月） · {}年{}月まで",
                latest.year(),
                latest.month()
            ),
        }
    }

    /// "Label value" in English, "ラベル: 値" in Japanese.
    pub fn labelled(label: Text2, value: &str, lang: Lang) -> String {
        match lang {
            Lang::En => format!("{} {value}", label.en),
            Lang::Ja => format!("{}: {value}", label.ja),
        }
    }

    /// The request to join, shown to the client over whatever screen they are on.
    pub fn join_request(name: &str, lang: Lang) -> String {
        match lang {
            Lang::En => format!(
                "{name} asks to join your session. w: let them watch · d: let them watch and answer with you · n: refuse"
            ),
            Lang::Ja => format!(
                "{name}さんがこのセッションへの参加を求めています。w: 画面の閲覧を許可 ・ d: 閲覧と一緒に回答することを許可 ・ n: 断る"
            ),
        }
    }

    /// The line on both screens that says who may answer, for the client and for the consultant.
    pub fn consultant_status(name: &str, may_answer: bool, client: bool, lang: Lang) -> String {
        match (lang, client, may_answer) {
            (Lang::En, true, false) => {
                format!("Consultant {name} is watching · F2: let them answer with you")
            }
            (Lang::En, true, true) => format!("Consultant {name} can answer with you · F2: remove"),
            (Lang::En, false, false) => {
                format!("Consultant {name} is watching: only the client answers · q: leave")
            }
            (Lang::En, false, true) => {
                format!("Consultant {name} can answer with the client · q: leave")
            }
            (Lang::Ja, true, false) => {
                format!("相談員の{name}さんが画面を見ています ・ F2: 一緒に回答することを許可")
            }
            (Lang::Ja, true, true) => {
                format!("相談員の{name}さんも回答できます ・ F2: 退出してもらう")
            }
            (Lang::Ja, false, false) => {
                format!("相談員の{name}さんが閲覧中です(回答は相談者のみ)・ q: 退出")
            }
            (Lang::Ja, false, true) => format!("相談員の{name}さんも回答できます ・ q: 退出"),
        }
    }

    /// "↓ 3 more" beside a list cut to fit.
    pub fn more_lines(arrow: &str, n: usize, lang: Lang) -> String {
        match lang {
            Lang::En => format!("  {arrow} {n} more"),
            Lang::Ja => format!("  {arrow} ほか{n}行"),
        }
    }

    /// A notice about the consultant, by name.
    pub fn consultant_notice(template: Text2, name: &str, lang: Lang) -> String {
        template.get(lang).replace("{name}", name)
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
        WELCOME_AREAS = ("It covers:", "確認する分野：");
        /// Privacy, local.
        PRIVACY_LOCAL = (
            "Your answers stay on this computer. A draft is saved after each answer so you can resume.",
            "回答はこのコンピューターの中だけに保存されます。回答ごとに下書きを保存するので、途中から再開できます。"
        );
        /// Privacy, local without saving.
        PRIVACY_NO_SAVE = (
            "Your answers stay on this computer and are not saved (--no-save).",
            "回答はこのコンピューターの中だけにあり、保存されません（--no-save）。"
        );
        /// Privacy over SSH.
        PRIVACY_SESSION = (
            "Your answers live only in the server's memory for this session and are gone when it ends, unless you agree to recording.",
            "回答はこの接続の間だけサーバーのメモリー上にあり、終了すると消去されます（記録に同意した場合を除きます）。"
        );
        /// Content review date label.
        REVIEWED_ON = ("Content reviewed on", "内容の確認日：");
        /// Welcome menu: resume.
        RESUME = ("Resume your saved answers", "保存した回答から再開する");
        /// Welcome menu: start.
        START = ("Start the check", "チェックを始める");
        /// Welcome menu: start afresh when a draft exists.
        START_AFRESH = ("Start afresh (discard the saved answers)", "最初から始める（保存した回答を破棄）");
        /// Welcome menu: language.
        LANGUAGE = ("Language: English  (Enter: 日本語)", "言語：日本語  (Enter: English)");
        /// Progress: section.
        SECTION = ("Section", "セクション");
        /// Progress: question.
        QUESTION = ("Question", "質問");
        /// "of" in "3 of 10".
        OF = ("of", "/");
        /// Help panel: why.
        WHY_WE_ASK = ("Why we ask", "この質問の理由");
        /// Help panel: where.
        WHERE_TO_FIND = ("Where to find this", "確認方法");
        /// Multi-choice hint.
        MULTI_HINT = ("Space ticks an option; Enter confirms.", "Spaceで選択/解除、Enterで確定します。");
        /// Field hint for dates.
        DATE_HINT = ("Format: YYYY-MM-DD (or 2026/4/1, 2026年4月1日) · a real calendar date", "形式：年-月-日（例 2026-04-01、2026/4/1、2026年4月1日） · 実在する日付");
        /// Review title.
        REVIEW = ("Review your answers", "回答の確認");
        /// Review: show results.
        SHOW_RESULTS = ("Show results", "結果を表示する");
        /// Review hint.
        REVIEW_HINT = ("Enter on an answer to change it.", "変更したい回答を選んでEnterを押してください。");
        /// Banner: ok.
        BANNER_OK = ("No problems found", "問題は見つかりませんでした");
        /// Banner: info.
        BANNER_INFO = ("No problems found: some information for you", "問題は見つかりませんでした（お知らせがあります）");
        /// Banner: caution.
        BANNER_CAUTION = ("Points to check", "確認が必要な点があります");
        /// Banner: violation.
        BANNER_VIOLATION = ("Problems to fix now", "すぐに対応が必要な点があります");
        /// About this result (notes, disclaimer).
        ABOUT = ("About this result", "この結果について");
        /// Too small.
        TOO_SMALL = ("Please enlarge the terminal", "ターミナルの画面を大きくしてください");
        /// Quit confirmation.
        CONFIRM_QUIT = ("Quit kouteki? Your answers so far are kept. (y / n)", "終了しますか？ここまでの回答は保存されています。（y / n）");
        /// Quit confirmation without saving.
        CONFIRM_QUIT_NO_SAVE = ("Quit kouteki? Your answers will be lost. (y / n)", "終了しますか？回答は保存されません。（y / n）");
        /// Quit confirmation before any answer: there is nothing to keep or lose.
        CONFIRM_QUIT_NOTHING_YET = ("Quit kouteki? (y / n)", "終了しますか？（y / n）");
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
        /// Hint: the detail on the whole screen.
        HINT_ZOOM = ("zoom", "全画面");
        /// Hint: back from the whole-screen detail.
        HINT_UNZOOM = ("back", "戻る");
        /// Help: back from the whole-screen detail.
        HELP_UNZOOM = ("Back to the result", "結果画面に戻る");
        /// Hint: scroll a page.
        HINT_PAGE = ("scroll", "スクロール");
        /// Help: the detail on the whole screen.
        HELP_ZOOM = ("Details on the whole screen (Esc: back)", "詳細を全画面で表示（Esc: 戻る）");
        /// Help: scroll a page.
        HELP_PAGE = ("Scroll a page (Home/End: top/end)", "1ページずつスクロール（Home/End: 先頭/末尾）");
        /// Hint: save report.
        HINT_SAVE = ("save report", "レポート保存");
        /// Hint: restart.
        HINT_RESTART = ("restart", "やり直す");
        /// Hint: change answers.
        HINT_CHANGE = ("change answers", "回答を変更");
        /// Recording consent question.
        RECORD_CONSENT = (
            "May your consultant keep a copy of your answers and this report? It is stored on the consultant's server, readable only by them. (y = yes / n = no)",
            "回答とこの結果のコピーを相談先が保存してもよろしいですか？相談先のサーバーに、相談先のみが閲覧できる形で保存されます。（y = はい / n = いいえ）"
        );
        /// Report cannot be saved over SSH.
        REPORT_OVER_SSH = (
            "over SSH the report cannot be saved on your computer; your consultant can keep a copy if you agree",
            "SSH接続ではお使いのコンピューターに保存できません。同意いただければ相談先がコピーを保存できます"
        );
        /// Report saved.
        REPORT_SAVED = ("Report saved (readable only by you):", "レポートを保存しました（本人のみ閲覧可）：");
        /// Calendar file saved.
        CALENDAR_SAVED = ("Calendar saved (readable only by you):", "カレンダーを保存しました（本人のみ閲覧可）：");
        /// Nothing to put in a calendar.
        NO_CALENDAR_DATES = ("No date from today on to put in a calendar", "今日以降の日付がないため、カレンダーに登録するものはありません");
        /// Report not saved.
        REPORT_FAILED = ("Could not save the report:", "レポートを保存できませんでした：");
        /// Draft not saved.
        DRAFT_FAILED = ("Could not save your answers; they are kept only until you quit:", "回答を保存できませんでした。終了するまでは保持されます：");
        /// Help: move.
        HELP_MOVE = ("Move", "移動");
        /// Help: confirm.
        HELP_CONFIRM = ("Confirm", "決定");
        /// Help: back.
        HELP_BACK = ("Back (outside a text field)", "戻る（入力欄の外）");
        /// Help: tick.
        HELP_TOGGLE = ("Tick an option (multi choice)", "選択/解除（複数選択）");
        /// Help: panes.
        HELP_PANE = ("Switch panes (result)", "表示の切替（結果画面）");
        /// Help: language.
        HELP_LANG = ("English / 日本語", "English / 日本語");
        /// Help: this help.
        HELP_HELP = ("This help", "このヘルプ");
        /// Help: save.
        HELP_SAVE = ("Save the report (result)", "レポートを保存（結果画面）");
        /// Help: save the HTML report.
        HELP_SAVE_HTML = ("Save the report as HTML to print (result)", "印刷用のHTMLでレポートを保存（結果画面）");
        /// Help: save the calendar file.
        HELP_SAVE_CALENDAR = ("Save a calendar of the coming dates (result)", "今後の日程をカレンダー（.ics）で保存（結果画面）");
        /// Help: change answers.
        HELP_CHANGE = ("Change answers (result)", "回答を変更（結果画面）");
        /// Help: restart.
        HELP_RESTART = ("Restart (result)", "やり直す（結果画面）");
        /// Help: quit.
        HELP_QUIT = ("Quit (asks first)", "終了（確認あり）");
        /// Help: quit at once.
        HELP_FORCE_QUIT = ("Quit at once", "すぐに終了");
        /// Hint: the consultant leaves.
        HINT_LEAVE = ("leave", "退出");
        /// Help: the consultant leaves.
        HELP_LEAVE = ("Leave the client's session", "相談者のセッションから退出");
        /// Hint: the consultant's note.
        HINT_NOTE = ("note", "メモ");
        /// Help: the consultant's note.
        HELP_NOTE = ("Write a note on the selected finding", "選択した項目に相談者へのメモを書く");
        /// Help: marks.
        HELP_MARK = ("Mark to discuss (again: unmark)", "相談したい項目に印（もう一度で解除）");
        /// Help: F2.
        HELP_CONSULTANT = ("Consultant: watch → answer too → remove", "相談員：閲覧のみ → 回答も可 → 退出");
        /// The session code's label.
        SESSION_CODE = ("Session code:", "セッションコード：");
        /// The line beside the session code on the welcome screen (short enough to stand beside it at
        /// 80 columns).
        SESSION_CODE_LINE = ("Read this code to your consultant if they should join.", "相談員に参加してもらうときに伝えるコードです。");
        /// Notice: the consultant left (`{name}` is replaced).
        CONSULTANT_LEFT = ("Consultant {name} left the session.", "相談員の{name}さんがセッションから退出しました。");
        /// Notice: the client removed the consultant.
        CONSULTANT_REMOVED = ("Consultant {name} was removed from the session.", "相談員の{name}さんに退出してもらいました。");
        /// Notice: a request to join was not answered.
        JOIN_NOT_ANSWERED = ("{name} asked to join and was not let in (no answer).", "{name}さんの参加依頼は、応答がなかったため許可しませんでした。");
        /// The consultant's note field.
        NOTE_FIELD = ("Note for the client (Enter: attach · Esc: cancel):", "相談者へのメモ（Enter: 追加 ・ Esc: 取消）：");
        /// The result's entry listing marks and notes.
        TO_DISCUSS = ("To discuss with your consultant", "相談員と話したいこと");
        /// Label of a consultant's note under a finding (`{name}` is replaced).
        NOTE_FROM = ("Note from consultant {name}:", "相談員 {name} さんからのメモ：");
        /// Beside something marked.
        MARKED = ("marked to discuss", "相談したい項目");
        /// In "to discuss": a question not answered yet.
        NOT_ANSWERED = ("(not answered)", "（未回答）");
        /// Welcome: resume a kept session by code.
        RESUME_SESSION = ("Resume a session: type its code", "中断したセッションを再開する（コードを入力）");
        /// The resume screen's title.
        RESUME_TITLE = ("Resume a session", "セッションの再開");
        /// The resume screen's explanation.
        RESUME_INTRO = (
            "If your connection dropped, type the session code that was shown at the top of your screen. Your answers are kept for a while after a disconnect.",
            "接続が切れた場合は、画面上部に表示されていたセッションコードを入力してください。切断後もしばらくの間、回答は保持されています。"
        );
        /// A code that leads to no kept session.
        RESUME_WRONG = ("No such session.", "該当するセッションはありません。");
        /// Waiting for the answer.
        RESUME_WAITING = ("Looking for the session…", "セッションを確認しています…");
        /// The resume screen's keys.
        RESUME_KEYS = ("Enter: resume · ←: back", "Enter: 再開 ・ ←: 戻る");
        /// The offer to a key's client (`{code}` is replaced).
        RESUME_OFFER = ("Resume session {code}? Enter: resume · n: start new", "セッション {code} を再開しますか？ Enter: 再開 ・ n: 新しく始める");
        /// Notice: the client's connection dropped.
        CLIENT_AWAY = ("The client's connection dropped; the session is kept for them.", "相談者の接続が切れました。セッションは保持されています。");
        /// Notice: the client is back.
        CLIENT_BACK = ("The client reconnected.", "相談者が再接続しました。");
        /// Help: letters in fields.
        HELP_FIELDS = ("In a number, date or text field, letters are typed; use the arrows, Enter, Esc and F1 there.", "数字・日付・文字の入力欄では文字キーは入力になります。矢印・Enter・Esc・F1は使えます。");
    }
}

/// The line-by-line interview (`--plain`).
pub mod plain {
    kouteki_core::texts! {
        /// Commands reminder.
        COMMANDS = ("(b = back, q = quit, ? = why we ask)", "（b = 戻る、q = 終了、? = 質問の理由）");
        /// Multi-choice prompt.
        MULTI = ("Numbers separated by commas, or 0 for none", "番号をカンマ区切りで入力（なしは 0）");
        /// Choice prompt.
        CHOOSE = ("Number", "番号");
        /// Answer prompt.
        ANSWER = ("Answer", "回答");
        /// Invalid choice.
        BAD_CHOICE = ("Please enter one of the numbers shown.", "表示された番号を入力してください。");
        /// Review heading.
        REVIEW = ("Your answers:", "回答の確認：");
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

/// The consultant console of `kouteki serve --consultant-keys`.
pub mod console {
    use crate::ssh::instance::Peer;
    use kouteki_core::lang::Lang;

    /// A code of another instance: where the consultant's console must connect to join. Said of
    /// every code with that name in front, whether or not a session has it.
    pub fn elsewhere(peer: &Peer, lang: Lang) -> String {
        let (name, address) = (&peer.name, &peer.address);
        let (host, port, command) = (&address.host, address.port, address.ssh_command());
        match lang {
            Lang::En => format!(
                "{} Connect your console to {host} port {port} ({command}) and type the code there.",
                super::codes_of_server(name, lang)
            ),
            Lang::Ja => format!(
                "{}コンソールを {host} のポート {port} に接続し直し（{command}）、そこでコードを入力してください。",
                super::codes_of_server(name, lang)
            ),
        }
    }

    kouteki_core::texts! {
        /// The console's title.
        TITLE = ("kouteki · consultant console", "kouteki · 相談員コンソール");
        /// Who is signed in (followed by the name).
        SIGNED_IN = ("Signed in as", "ログイン中：");
        /// What to do.
        INTRO = (
            "Ask your client for the session code shown at the top of their screen, type it and press Enter. The client decides whether you may watch, or answer with them.",
            "相談者の画面上部に表示されているセッションコードを聞き、入力してEnterを押してください。閲覧だけか、一緒に回答できるかは相談者が決めます。"
        );
        /// The code field's label.
        CODE = ("Session code:", "セッションコード：");
        /// The keys.
        KEYS = ("Enter: ask to join · L: 日本語 · Esc: quit", "Enter: 参加を依頼 ・ L: English ・ Esc: 終了");
        /// A code that is wrong, or of no session.
        NO_SUCH_SESSION = ("No such session.", "該当するセッションはありません。");
        /// Waiting for the client.
        WAITING = ("Asking the client… (they have 60 seconds to answer)", "相談者の応答を待っています…（60秒以内）");
        /// The client refused.
        REFUSED = ("The client refused.", "相談者が参加を断りました。");
        /// No answer in time.
        NO_ANSWER = ("The client did not answer; ask again when they are ready.", "相談者からの応答がありませんでした。準備ができてから再度依頼してください。");
        /// Another consultant is there.
        BUSY = ("Another consultant is in that session, or asking to join. Please try again later.", "そのセッションには別の相談員が参加中か、参加を依頼中です。しばらくしてから再度お試しください。");
        /// The consultant left.
        LEFT = ("You left the session.", "セッションから退出しました。");
        /// The client removed them.
        REMOVED = ("The client ended your part in the session.", "相談者によりセッションから退出となりました。");
        /// The session ended.
        ENDED = ("The client's session ended.", "相談者のセッションは終了しました。");
        /// After too many wrong codes.
        TOO_MANY = ("Too many wrong codes. Disconnecting.", "誤ったコードが続いたため切断します。");
        /// When the console is closed.
        FAREWELL = ("Goodbye.", "終了しました。");
    }
}

/// Whose a code is, said the same way to a client and to a consultant who typed a code of another
/// instance (what each should then do follows it).
fn codes_of_server(name: impl std::fmt::Display, lang: kouteki_core::lang::Lang) -> String {
    match lang {
        kouteki_core::lang::Lang::En => {
            format!("Codes starting with {name}- belong to server {name}.")
        }
        kouteki_core::lang::Lang::Ja => {
            format!("{name}- で始まるコードはサーバー {name} のものです。")
        }
    }
}
