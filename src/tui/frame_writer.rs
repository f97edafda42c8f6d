//! The local terminal's output, sent a whole frame at a time. ratatui flushes its backend several
//! times a frame (after the cells, after showing the cursor, after moving it), and each flush of
//! stdout is a write(2): the terminal got a frame in pieces, the cursor's move after the text, and
//! a keystroke's redraw cost two system calls and two wake-ups of the terminal. Here flushing is
//! left to the loop, which [`FrameWriter::send`]s once a frame is drawn.

use std::io::{self, Write};

/// Gathers what is written until [`FrameWriter::send`]; `flush` alone sends nothing.
#[derive(Debug)]
pub struct FrameWriter<W: Write> {
    out: W,
    frame: Vec<u8>,
}

impl<W: Write> FrameWriter<W> {
    /// A writer that sends to `out`.
    pub fn new(out: W) -> FrameWriter<W> {
        FrameWriter {
            out,
            frame: Vec::with_capacity(16 * 1024),
        }
    }

    /// Writes everything gathered in one go and flushes `out`.
    pub fn send(&mut self) -> io::Result<()> {
        if !self.frame.is_empty() {
            self.out.write_all(&self.frame)?;
            self.frame.clear();
        }
        self.out.flush()
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.frame.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    /// Sends nothing: the frame is not whole yet. (Bytes never sent are dropped with the writer,
    /// so a frame cut short by a panic is not printed over the restored terminal.)
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::FrameWriter;
    use std::io::Write;

    /// A sink that records each write it gets.
    #[derive(Default)]
    struct Writes(Vec<Vec<u8>>);

    impl Write for Writes {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.push(bytes.to_vec());
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_frame_flushed_many_times_leaves_in_one_write() {
        let mut writer = FrameWriter::new(Writes::default());
        write!(writer, "\x1b[7;2Hcells").unwrap();
        writer.flush().unwrap();
        write!(writer, "\x1b[?25h").unwrap();
        writer.flush().unwrap();
        write!(writer, "\x1b[9;2H").unwrap();
        assert!(writer.out.0.is_empty(), "nothing leaves before send");
        writer.send().unwrap();
        assert_eq!(
            writer.out.0,
            vec![b"\x1b[7;2Hcells\x1b[?25h\x1b[9;2H".to_vec()]
        );
        writer.send().unwrap();
        assert_eq!(writer.out.0.len(), 1, "an empty frame writes nothing");
    }
}
