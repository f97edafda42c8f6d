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
