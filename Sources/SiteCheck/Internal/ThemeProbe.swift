import Foundation

/// What the page looks like under the emulated colour scheme: the page background's luminance (held
/// to dark when the page declares `color-scheme: … dark`) and, for every `<picture>` with a
/// `prefers-color-scheme: dark` source, which image the browser chose.
struct ThemeProbe: Decodable {
    struct Picture: Decodable {
        let darkSource: String
        let currentSource: String
    }

    /// Whether the browser reports `prefers-color-scheme: dark`.
    let dark: Bool
    /// Whether the page declares dark support (`<meta name="color-scheme" content="light dark">`);
    /// only such pages are held to a dark background.
    let offersDark: Bool
    /// Relative luminance (0 black … 1 white) of the body's (or root's) background colour.
    let backgroundLuminance: Double
    let pictures: [Picture]

    func findings(page: String, viewport: Viewport) -> [SiteCheckFinding] {
        var findings: [SiteCheckFinding] = []
        let wantDark = viewport.colorScheme == .dark
        if wantDark != dark {
            findings.append(SiteCheckFinding(page: page, check: .theme, message: "\(viewport.name): the browser did not apply prefers-color-scheme: \(viewport.colorScheme.rawValue)"))
            return findings
        }
        if wantDark && offersDark && backgroundLuminance > 0.4 {
            findings.append(SiteCheckFinding(page: page, check: .theme,
                                             message: "\(viewport.name): the page declares a dark colour scheme but its background stays light (luminance \(String(format: "%.2f", backgroundLuminance)))"))
        }
        for p in pictures where p.currentSource.hasSuffix(p.darkSource) != wantDark {
            findings.append(SiteCheckFinding(page: page, check: .theme,
                                             message: "\(viewport.name): a figure shows \(p.currentSource.split(separator: "/").last ?? "") instead of the \(wantDark ? "dark" : "light") variant"))
        }
        return findings
    }

    static let script = #"""
    (() => {
      const dark = matchMedia('(prefers-color-scheme: dark)').matches;
      const parse = (c) => { const m = c.match(/[\d.]+/g) || ['255', '255', '255', '0']; return m.map(Number); };
      let rgba = parse(getComputedStyle(document.body).backgroundColor);
      if (rgba.length > 3 && rgba[3] === 0) rgba = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (rgba.length > 3 && rgba[3] === 0) rgba = [255, 255, 255];
      const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
      const backgroundLuminance = 0.2126 * lin(rgba[0]) + 0.7152 * lin(rgba[1]) + 0.0722 * lin(rgba[2]);
      const pictures = [];
      for (const p of document.querySelectorAll('picture')) {
        const source = p.querySelector('source[media*="prefers-color-scheme: dark"]');
        const img = p.querySelector('img');
        if (!source || !img) continue;
        pictures.push({ darkSource: source.getAttribute('srcset').split(/\s+/)[0], currentSource: img.currentSrc });
      }
      const meta = document.querySelector('meta[name="color-scheme"]');
      const offersDark = !!meta && /\bdark\b/.test(meta.getAttribute('content') || '');
      return JSON.stringify({ dark, offersDark, backgroundLuminance, pictures });
    })()
    """#
}
