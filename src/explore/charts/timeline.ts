import { h, number, percent, s } from '../dom.js';

export interface Bucket {
  period: string;
  from: string;
  to: string;
  articleCount: number;
  share: number;
}

/** A period of the same timeline counted in stories (`timeline(unit: STORY)`). */
export interface StoryBucket {
  period: string;
  articleCount: number;
}

const WIDTH = 900;
const HEIGHT = 180;
const PAD = { top: 12, right: 48, bottom: 28, left: 40 };

/**
 * Articles per month as bars (one per month with articles, each a link made by `linkOf`), the
 * stories of each month as a narrower bar inside it on the same scale (a story counts in every
 * month it has an article in, so never more than the articles), and the share of the corpus of
 * that month as a line on the right-hand axis.
 */
export function timelineChart(
  buckets: readonly Bucket[],
  stories: readonly StoryBucket[],
  linkOf: (bucket: Bucket) => string,
  selected?: (bucket: Bucket) => boolean,
): Element {
  const storiesIn = new Map(stories.map((bucket) => [bucket.period, bucket.articleCount]));
  const max = Math.max(1, ...buckets.map((bucket) => bucket.articleCount));
  const maxShare = Math.max(0.0001, ...buckets.map((bucket) => bucket.share));
  const inner = { width: WIDTH - PAD.left - PAD.right, height: HEIGHT - PAD.top - PAD.bottom };
  const step = inner.width / Math.max(1, buckets.length);
  const x = (index: number) => PAD.left + index * step;
  const y = (count: number) => PAD.top + inner.height - (count / max) * inner.height;
  const yShare = (share: number) => PAD.top + inner.height - (share / maxShare) * inner.height;
  const everyNth = Math.max(1, Math.ceil(buckets.length / 12));

  const bars = buckets.map((bucket, index) => {
    if (bucket.articleCount === 0) return null;
    const storyCount = storiesIn.get(bucket.period) ?? 0;
    const title = `${bucket.period}: ${number(bucket.articleCount)} article${bucket.articleCount === 1 ? '' : 's'} in ${number(storyCount)} stor${storyCount === 1 ? 'y' : 'ies'}, ${percent(bucket.share)} of the corpus that month`;
    return s(
      'a',
      { href: linkOf(bucket), 'aria-label': title, class: selected?.(bucket) ? 'bar selected' : 'bar' },
      s('title', {}, title),
      s('rect', {
        'data-period': bucket.period,
        x: x(index) + step * 0.1,
        y: y(bucket.articleCount),
        width: Math.max(1, step * 0.8),
        height: Math.max(1, PAD.top + inner.height - y(bucket.articleCount)),
      }),
      storyCount
        ? s('rect', {
            class: 'story',
            'data-story-period': bucket.period,
            'data-count': storyCount,
            x: x(index) + step * 0.3,
            y: y(storyCount),
            width: Math.max(1, step * 0.4),
            height: Math.max(1, PAD.top + inner.height - y(storyCount)),
          })
        : null,
    );
  });
  const sharePath = buckets.map((bucket, index) => `${index === 0 ? 'M' : 'L'}${(x(index) + step / 2).toFixed(1)},${yShare(bucket.share).toFixed(1)}`).join('');
  const labels = buckets.map((bucket, index) =>
    index % everyNth === 0 ? s('text', { x: x(index) + step / 2, y: HEIGHT - 8, 'text-anchor': 'middle', class: 'tick' }, bucket.period) : null,
  );
  return h(
    'figure',
    { class: 'timeline' },
    s(
      'svg',
      { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'group', 'aria-label': 'Articles and stories per month' },
      s('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + inner.height, y2: PAD.top + inner.height, class: 'axis' }),
      s('text', { x: PAD.left - 6, y: PAD.top + 8, 'text-anchor': 'end', class: 'tick' }, number(max)),
      s('text', { x: WIDTH - PAD.right + 6, y: PAD.top + 8, class: 'tick share' }, percent(maxShare)),
      bars,
      buckets.length > 1 ? s('path', { d: sharePath, class: 'share-line' }) : null,
      labels,
    ),
    h('figcaption', {}, h('span', { class: 'key bar-key' }), ' articles per month (a bar is a link)  ', h('span', { class: 'key story-key' }), ' stories per month  ', h('span', { class: 'key share-key' }), ' share of all articles that month'),
  );
}
