//! PNG encoding of the finished RGB buffer.
//!
//! Charts are mostly flat colour, so the Paeth filter plus fast deflate (fdeflate) keeps files
//! well under the size goal while costing about a millisecond; fixed settings also make the
//! bytes identical for identical data.

use super::ChartError;

/// Encodes an 8-bit RGB buffer of `width × height` pixels as PNG.
pub fn rgb_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::with_capacity(64 * 1024);
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        encoder.set_filter(png::FilterType::Paeth);
        encoder.set_adaptive_filter(png::AdaptiveFilterType::NonAdaptive);
        let mut writer = encoder.write_header().map_err(encode_err)?;
        writer.write_image_data(rgb).map_err(encode_err)?;
        writer.finish().map_err(encode_err)?;
    }
    Ok(out)
}

fn encode_err(e: png::EncodingError) -> ChartError {
    ChartError::Encode(e.to_string())
}
