//! The fonts bundled in `assets/`, installed after egui's own.

use eframe::egui::{self};

/// Adds the bundled Noto fonts (SIL OFL, see `assets/OFL-Noto.txt`) after
/// egui's own: Noto Sans for Latin, Greek and Cyrillic beyond egui's
/// default font, Noto Sans Myanmar for Burmese script, and Noto Sans
/// Symbols for arrows, so names, quotes and the UI never miss a glyph.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let bundled: [(&str, &'static [u8]); 3] = [
        (
            "noto-sans",
            include_bytes!("../../../assets/NotoSans-Regular.ttf"),
        ),
        (
            "noto-sans-myanmar",
            include_bytes!("../../../assets/NotoSansMyanmar-Regular.ttf"),
        ),
        (
            "noto-sans-symbols",
            include_bytes!("../../../assets/NotoSansSymbols-Regular.ttf"),
        ),
    ];
    for (name, bytes) in bundled {
        fonts.font_data.insert(
            name.into(),
            std::sync::Arc::new(egui::FontData::from_static(bytes)),
        );
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push(name.into());
        }
    }
    ctx.set_fonts(fonts);
}
