import Foundation

/// The script run inside each page after it loaded, and the decoding of what it returns.
///
/// The probe waits (bounded) for every `<img>` to decode and for web fonts, then reports the images with
/// their `naturalWidth`, the `.katex-error` elements, the number of rendered `.katex` formulas, and the
/// visible text of each block element that contains `$` or `\` — text inside `code`, `pre`, `kbd`,
/// `samp`, `script`, `style`, `textarea`, `noscript`, `template` and KaTeX output is left out — for
/// `RawMathDetector`.
struct PageProbe: Decodable {
    struct Image: Decodable {
        let src: String
        let url: String
        let complete: Bool
        let naturalWidth: Int
    }

    struct KatexError: Decodable {
        let text: String
        let title: String
    }

    struct TextBlock: Decodable {
        let location: String
        let text: String
    }

    let images: [Image]
    let katexErrors: [KatexError]
    let formulas: Int
    let textBlocks: [TextBlock]
    let hasViewportMeta: Bool

    /// Turns what the probe saw into findings for `page`.
    func findings(page: String) -> [SiteCheckFinding] {
        var findings: [SiteCheckFinding] = []
        for image in images where !image.complete || image.naturalWidth == 0 {
            let state = image.complete ? "did not load or decode (naturalWidth 0)" : "did not finish loading"
            findings.append(SiteCheckFinding(page: page, check: .image,
                                             message: "<img src=\"\(image.src)\"> \(state): \(image.url)"))
        }
        for error in katexErrors {
            findings.append(SiteCheckFinding(page: page, check: .math,
                                             message: "KaTeX error in “\(error.text)”: \(error.title)"))
        }
        for block in textBlocks {
            for formula in RawMathDetector.rawFormulas(in: block.text) {
                let oneLine = formula.split(whereSeparator: \.isNewline).joined(separator: " ")
                findings.append(SiteCheckFinding(page: page, check: .math,
                                                 message: "raw TeX left unrendered in <\(block.location)>: “\(oneLine)”"))
            }
        }
        if !hasViewportMeta {
            findings.append(SiteCheckFinding(page: page, check: .layout, severity: .warning,
                                             message: "no <meta name=\"viewport\">: phones show the page zoomed out"))
        }
        return findings
    }

    /// Decodes the JSON string the probe script returns.
    static func decode(_ json: String) throws -> PageProbe {
        do {
            return try JSONDecoder().decode(PageProbe.self, from: Data(json.utf8))
        } catch {
            throw SiteCheckError.devTools("the page probe returned unreadable data: \(error)")
        }
    }

    /// Runs in the page; resolves to a JSON string.
    static let script = #"""
    (async () => {
      const describe = (el) => {
        let s = el.tagName.toLowerCase();
        if (el.id) s += '#' + el.id;
        else if (el.classList && el.classList.length) s += '.' + [...el.classList].slice(0, 2).join('.');
        return s;
      };
      const timeout = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      const imgs = [...document.images];
      imgs.forEach((img) => { if (img.loading === 'lazy') img.loading = 'eager'; });
      await Promise.race([Promise.all(imgs.map((img) => img.decode().catch(() => null))), timeout(5000)]);
      if (document.fonts) await Promise.race([document.fonts.ready, timeout(3000)]);
      const images = imgs.map((img) => ({
        src: img.getAttribute('src') || '', url: img.currentSrc || img.src || '',
        complete: img.complete, naturalWidth: img.naturalWidth }));
      const katexErrors = [...document.querySelectorAll('.katex-error')].map((el) => ({
        text: (el.textContent || '').slice(0, 200), title: el.getAttribute('title') || '' }));
      const formulas = document.querySelectorAll('.katex').length;
      const skip = 'script,style,noscript,template,code,pre,kbd,samp,textarea,.katex,.katex-display,.katex-error';
      const blockSelector = 'p,li,td,th,h1,h2,h3,h4,h5,h6,figcaption,caption,dt,dd,blockquote,summary,' +
        'label,div,section,article,aside,header,footer,main,nav,figure,table,body';
      const blocks = new Map();
      if (document.body) {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          if (!parent || parent.closest(skip)) continue;
          const block = parent.closest(blockSelector) || document.body;
          blocks.set(block, (blocks.get(block) || '') + node.data);
        }
      }
      const textBlocks = [...blocks]
        .filter(([, text]) => text.includes('$') || text.includes('\\'))
        .map(([el, text]) => ({ location: describe(el), text: text.slice(0, 20000) }));
      const hasViewportMeta = !!document.querySelector('meta[name="viewport"]');
      return JSON.stringify({ images, katexErrors, formulas, textBlocks, hasViewportMeta });
    })()
    """#

    /// Runs in the page after the phone viewport is applied; resolves to a JSON `LayoutProbe`.
    static let layoutScript = #"""
    (() => {
      const describe = (el) => {
        let s = el.tagName.toLowerCase();
        if (el.id) s += '#' + el.id;
        else if (el.classList && el.classList.length) s += '.' + [...el.classList].slice(0, 2).join('.');
        return s;
      };
      const width = document.documentElement.clientWidth;
      const scrollWidth = document.documentElement.scrollWidth;
      const offenders = [];
      const seen = new Set();
      if (scrollWidth > width + 1 && document.body) {
        for (const el of document.body.querySelectorAll('*')) {
          if (el.closest('.katex-mathml')) continue;  // KaTeX's visually hidden MathML copy
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.right <= width + 1) continue;
          const formula = el.closest('.katex');
          const culprit = formula || el;
          if (seen.has(culprit)) continue;
          const parentBox = culprit.parentElement ? culprit.parentElement.getBoundingClientRect() : null;
          if (!formula && parentBox && parentBox.right > width + 1) continue;
          seen.add(culprit);
          let what = describe(culprit);
          if (formula) {
            const tex = formula.querySelector('annotation[encoding="application/x-tex"]');
            what = 'formula “' + (tex ? tex.textContent : formula.textContent).trim().slice(0, 50) + '”';
          }
          if (seen.has(what)) continue;
          seen.add(what);
          offenders.push(what + ' (right edge at ' + Math.round(box.right) + ' px)');
          if (offenders.length >= 5) break;
        }
      }
      const heading = document.querySelector('main article h1');
      const textTop = heading ? Math.round(heading.getBoundingClientRect().top + window.scrollY) : 0;
      return JSON.stringify({ width, scrollWidth, offenders, textTop, screenHeight: window.innerHeight });
    })()
    """#
}
