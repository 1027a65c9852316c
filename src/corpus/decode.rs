//! Decoding source bytes: UTF-8, read lossily when it is not, with a map back to the
//! original byte offsets so spans stay exact either way.

/// Decoded text and what decoding found.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, with each invalid UTF-8 sequence replaced by U+FFFD.
    pub text: String,
    /// Offset in the original bytes of the first invalid byte, if any.
    pub first_invalid: Option<usize>,
    /// Maps decoded offsets to original ones.
    pub offsets: OffsetMap,
}

/// Maps offsets in decoded text to offsets in the original bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OffsetMap {
    /// From each decoded offset on, the original offset is the decoded one plus the shift.
    shifts: Vec<(usize, isize)>,
}

impl OffsetMap {
    /// Whether every offset is its own original (nothing was recorded).
    pub fn is_empty(&self) -> bool {
        self.shifts.is_empty()
    }

    /// Records that from `decoded` on (until the next record), offsets in the decoded text
    /// are `original - decoded` away from the original ones. Records must come in order.
    pub fn record(&mut self, decoded: usize, original: usize) {
        let shift = original as isize - decoded as isize;
        match self.shifts.last_mut() {
            Some(last) if last.0 == decoded => last.1 = shift,
            Some(last) if last.1 == shift => {}
            None if shift == 0 => {}
            _ => self.shifts.push((decoded, shift)),
        }
    }

    /// The original byte offset of a decoded offset.
    pub fn to_original(&self, decoded: usize) -> usize {
        let i = self.shifts.partition_point(|&(from, _)| from <= decoded);
        match i.checked_sub(1) {
            Some(i) => decoded.saturating_add_signed(self.shifts[i].1),
            None => decoded,
        }
    }
}

/// Decodes `bytes` as UTF-8, lossily if need be.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            first_invalid: None,
            offsets: OffsetMap::default(),
        },
        Err(error) => decode_lossy(error.as_bytes()),
    }
}

fn decode_lossy(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut offsets = OffsetMap::default();
    let mut first_invalid = None;
    let mut original = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        original += chunk.valid().len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            first_invalid.get_or_insert(original);
            text.push(char::REPLACEMENT_CHARACTER);
            original += invalid.len();
            offsets.record(text.len(), original);
        }
    }
    Decoded {
        text,
        first_invalid,
        offsets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_taken_as_is() {
        let decoded = decode("Ксения 12".as_bytes().to_vec());
        assert_eq!(decoded.text, "Ксения 12");
        assert_eq!(decoded.first_invalid, None);
        assert_eq!(decoded.offsets.to_original(5), 5);
    }

    #[test]
    fn invalid_bytes_are_replaced_and_offsets_map_back() {
        let bytes = b"ab\xC4 cd \xFF\xFE 26 people".to_vec();
        let decoded = decode(bytes.clone());
        assert_eq!(decoded.text, "ab\u{fffd} cd \u{fffd}\u{fffd} 26 people");
        assert_eq!(decoded.first_invalid, Some(2));
        let at = decoded.text.find("26").expect("present");
        let original = decoded.offsets.to_original(at);
        assert_eq!(&bytes[original..original + 2], b"26");
        assert_eq!(decoded.offsets.to_original(1), 1);
    }
}
