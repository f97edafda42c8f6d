//! Reading the interview's screens as text, for the end-to-end tests whatever drives them (tmux,
//! OpenSSH, the test SSH client).

/// Text without any whitespace, to compare text however it was wrapped.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The option the `▶` marker is on (its wrapped lines joined, whitespace removed).
pub fn marked_option(screen: &str) -> Option<String> {
    // Left of any help panel on the right.
    let lines: Vec<&str> = screen
        .lines()
        .map(|l| l.split_once('│').map_or(l, |(left, _)| left))
        .collect();
    let row = lines.iter().position(|l| l.contains("▶ (•) "))?;
    let (_, first) = lines[row].split_once("▶ (•) ")?;
    let mut label = first.to_string();
    // Continuation lines are indented past the marker (1 column margin + 6).
    for line in &lines[row + 1..] {
        if !line.starts_with("       ") || line.trim().is_empty() {
            break;
        }
        label.push_str(line);
    }
    Some(squeeze(&label))
}

/// The column (in characters) where `text` starts on the first line holding it.
pub fn column_of(screen: &str, text: &str) -> Option<usize> {
    screen
        .lines()
        .find_map(|l| l.find(text).map(|byte| l[..byte].chars().count()))
}

/// Whether the result's findings list is on screen (its title in the pane's top border, boxed on a
/// wide screen, a rule on a narrow one).
pub fn shows_findings(screen: &str) -> bool {
    screen.lines().any(|l| l.contains(" Findings ─"))
}

/// The rows of the result's findings list without the pane's borders (and without the detail pane
/// beside it on a wide screen).
pub fn findings_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|l| !l.contains(" Findings ─"))
        .skip(1)
        .take_while(|l| {
            let t = l.trim_start();
            !(t.starts_with('└') || t.starts_with('─'))
        })
        .map(|l| match l.split_once('│') {
            Some((_, rest)) => rest
                .split_once('│')
                .map_or(rest, |(left, _)| left)
                .to_string(),
            // Stacked: no side borders, only the screen's one-column margin.
            None => l.strip_prefix(' ').unwrap_or(l).to_string(),
        })
        .collect()
}

/// The findings shown in the result's list, in screen order: (symbol, title with wrapped lines
/// joined). The last one may be cut off at the bottom of the list.
pub fn listed_findings(screen: &str) -> Vec<(char, String)> {
    let mut found: Vec<(char, String)> = Vec::new();
    let mut open = false;
    for row in findings_rows(screen) {
        let body = row.trim_start_matches(['▶', ' ']);
        let Some(first) = body.chars().next() else {
            open = false;
            continue;
        };
        if "✖▲ℹ✔".contains(first) && (row.starts_with("▶ ") || row.starts_with("  ")) {
            let title = body[first.len_utf8()..].trim();
            found.push((first, title.to_string()));
            open = true;
        } else if open && row.starts_with("    ") {
            let last = found.last_mut().expect("an open entry");
            last.1.push(' ');
            last.1.push_str(row.trim());
        } else {
            // Upcoming changes, "About this result": the findings are over.
            open = false;
            if !"✖▲ℹ✔".contains(first) && !found.is_empty() {
                break;
            }
        }
    }
    found
}

/// The result list's selected entry (`▶`): its symbol and its title with wrapped lines joined.
pub fn selected_entry(screen: &str) -> Option<(char, String)> {
    let rows = findings_rows(screen);
    let at = rows.iter().position(|r| r.starts_with("▶ "))?;
    let body = rows[at].trim_start_matches(['▶', ' ']);
    let symbol = body.chars().next()?;
    let mut title = body[symbol.len_utf8()..].trim().to_string();
    for row in rows[at + 1..].iter().take_while(|r| r.starts_with("    ")) {
        title.push(' ');
        title.push_str(row.trim());
    }
    Some((symbol, title))
}
