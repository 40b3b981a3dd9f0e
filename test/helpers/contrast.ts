import type { Page } from 'playwright-core';

/** A piece of text whose colour does not stand out enough from what is behind it. */
export interface LowContrast {
  text: string;
  color: string;
  background: string;
  ratio: number;
  required: number;
}

/**
 * Every visible text on the page whose contrast with its background is under WCAG 2's AA level:
 * 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold). HTML text is measured in its `color`
 * against the first opaque background of it or its ancestors (the page's white when none); SVG
 * text in its `fill` against the same, since the explorer draws its labels on the page's paper or
 * on a halo of it. Runs in the page, so it measures the styles the browser computed.
 */
export function lowContrastTexts(page: Page): Promise<LowContrast[]> {
  return page.evaluate(() => {
    const rgba = (value: string): [number, number, number, number] => {
      const parts = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    const backgroundOf = (element: Element | null): string => {
      for (let at = element; at; at = at.parentElement) {
        const color = getComputedStyle(at).backgroundColor;
        if (rgba(color)[3] >= 0.99) return color;
      }
      return 'rgb(255, 255, 255)';
    };
    const found: LowContrast[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || seen.has(element) || !node.textContent?.trim()) continue;
      seen.add(element);
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility !== 'visible' || style.display === 'none' || box.width === 0 || box.height === 0 || box.right < 0) continue;
      if (element.closest('[aria-hidden="true"], .skip, style, script')) continue;
      const isSvg = element instanceof SVGElement;
      const color = isSvg ? style.fill : style.color;
      const background = backgroundOf(isSvg ? element.closest('svg')?.parentElement ?? null : element);
      const [fg, bg] = [luminance(rgba(color)), luminance(rgba(background))];
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const required = large ? 3 : 4.5;
      if (ratio < required) found.push({ text: node.textContent.trim().slice(0, 40), color, background, ratio: Math.round(ratio * 100) / 100, required });
    }
    return found;
  });
}
