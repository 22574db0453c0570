//! The canvas as a PNG: the frame's pixels cropped to the canvas, written
//! atomically.

use std::path::Path;

use eframe::egui;

/// Why a PNG could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("cannot encode the PNG")]
    Encode(#[from] png::EncodingError),
    #[error(transparent)]
    Write(#[from] crate::fs::FsError),
}

/// Crops `image` to `rect` (points) and writes it as PNG, atomically.
pub fn write_png(
    image: &egui::ColorImage,
    rect: egui::Rect,
    scale: f32,
    path: &Path,
) -> Result<(), PngError> {
    let [width, height] = image.size;
    let clamp = |v: f32, max: usize| (v * scale).round().clamp(0.0, max as f32) as usize;
    let (x0, y0) = (clamp(rect.left(), width), clamp(rect.top(), height));
    let (x1, y1) = (clamp(rect.right(), width), clamp(rect.bottom(), height));
    let (x0, y0, x1, y1) = if x1 > x0 && y1 > y0 {
        (x0, y0, x1, y1)
    } else {
        (0, 0, width, height)
    };
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for x in x0..x1 {
            let pixel = image.pixels[y * width + x];
            rgba.extend_from_slice(&pixel.to_array());
        }
    }
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, (x1 - x0) as u32, (y1 - y0) as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&rgba)?;
    }
    crate::fs::write_atomic(path, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_export_crops_to_the_canvas_and_scales_by_pixels_per_point() {
        let mut image = egui::ColorImage::filled([8, 6], egui::Color32::BLACK);
        image.pixels[2 * 8 + 2] = egui::Color32::from_rgb(255, 0, 0);
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("canvas.png");
        // A canvas at (1,1)–(3,3) points on a 2× display: pixels (2,2)–(6,6).
        let rect = egui::Rect::from_min_max(egui::pos2(1.0, 1.0), egui::pos2(3.0, 3.0));
        write_png(&image, rect, 2.0, &path).unwrap();
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!((info.width, info.height), (4, 4));
        assert_eq!(
            &pixels[..4],
            &[255, 0, 0, 255],
            "the red pixel is the crop's first"
        );
    }
}
