import { KINDS, type Kind } from '../../kinds.js';
import type { Loaders } from '../../loaders.js';
import { countStories, listStories, STORY_ARTICLE_KEY, STORY_LIST_KEY, type StoryListRow, type StoryRow } from '../../queries/stories.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { parseRowId } from '../ids.js';
import { MAX_PAGE_SIZE, readPage, toConnection } from '../pagination.js';
import { Actor } from './actor.js';
import { ArticleFilter, readFilter, resolveFilter } from './article-filter.js';
import { Article, ArticleConnection } from './article.js';
import { Conflict } from './conflict.js';

export const Story = builder.objectRef<StoryRow>('Story');

interface StoryEntityValue {
  kind: Kind;
  id: number;
  articleCount: number;
}

const StoryActor = builder.objectRef<StoryEntityValue>('StoryActor').implement({
  description: 'An actor mentioned in the articles of a story, with how many of them mention it.',
  fields: (t) => ({
    actor: t.field({ type: Actor, description: 'The actor.', resolve: async (row, _args, { loaders }) => (await loaders.actorById.load(row.id))! }),
    articleCount: t.exposeInt('articleCount', { description: 'How many articles of the story mention the actor.' }),
  }),
});

const StoryConflict = builder.objectRef<StoryEntityValue>('StoryConflict').implement({
  description: 'A conflict that articles of a story report on, with how many of them do.',
  fields: (t) => ({
    conflict: t.field({
      type: Conflict,
      description: 'The conflict.',
      resolve: async (row, _args, { loaders }) => (await loaders.conflictById.load(row.id))!,
    }),
    articleCount: t.exposeInt('articleCount', { description: 'How many articles of the story report on the conflict.' }),
  }),
});

/** The size of a list of a story's actors or conflicts, checked as page sizes are. */
function readLimit(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, { argument: 'first' });
  }
  return first;
}

async function entitiesOf(kind: Kind, story: StoryRow, first: number, loaders: Loaders): Promise<StoryEntityValue[]> {
  const rows = await loaders.entitiesOfStory(kind, readLimit(first)).load(story.id);
  return rows.map((row) => ({ kind, id: row.id, articleCount: row.articleCount }));
}

builder.node(Story, {
  description:
    'A news event as the corpus reports it: articles within a few days of each other, on the same conflict (or on none), ' +
    'sharing enough names and actors, and copies of one dispatch (see the README, "Stories"). Grouped at ingest; ' +
    'an article that matches two stories merges them into the older one.',
  id: { resolve: (story) => story.id, parse: parseRowId('Story') },
  loadMany: (ids, { loaders }) => ids.map((id) => loaders.storyById.load(id)),
  fields: (t) => ({
    articles: t.connection({
      type: Article,
      description: 'The articles of the story, oldest first (then first stored).',
      resolve: async (story, args, { loaders }) => {
        const page = readPage(args, STORY_ARTICLE_KEY);
        const rows = await loaders.articlesOfStory(page).load(story.id);
        return toConnection(
          rows,
          page,
          (row) => [row.publishedOn, row.id],
          (row) => ({ node: row }),
          () => story.articleCount,
        );
      },
    }, { name: 'StoryArticleConnection', description: 'A page of the articles of a story.' }, { name: 'StoryArticleEdge', description: 'An article of a story.' }),
    articleCount: t.exposeInt('articleCount', { description: 'How many articles the story has (copies included).' }),
    firstPublishedOn: t.expose('firstPublishedOn', { type: 'Date', description: 'The publication date of its earliest article.' }),
    lastPublishedOn: t.expose('lastPublishedOn', { type: 'Date', description: 'The publication date of its latest article.' }),
    sources: t.exposeStringList('sources', {
      description: 'The agencies and outlets credited in its articles, normalised and sorted; empty when none is credited.',
    }),
    representative: t.field({
      type: Article,
      description:
        'The article that stands for the story: its earliest (first published, then first stored), which is never a copy of a later one.',
      resolve: async (story, _args, { loaders }) => (await loaders.articleById.load(story.representativeId))!,
    }),
    title: t.string({
      description: 'The title of the representative article.',
      resolve: async (story, _args, { loaders }) => (await loaders.articleById.load(story.representativeId))?.title ?? '',
    }),
    actors: t.field({
      type: [StoryActor],
      description: 'The actors its articles mention, most articles first (then by id).',
      args: { first: t.arg.int({ defaultValue: 10, description: 'At most this many actors (1 to 100; 10 by default).' }) },
      resolve: (story, args, { loaders }) => entitiesOf('actor', story, args.first ?? 10, loaders),
    }),
    conflicts: t.field({
      type: [StoryConflict],
      description: 'The conflicts its articles report on, most articles first (then by id).',
      args: { first: t.arg.int({ defaultValue: 10, description: 'At most this many conflicts (1 to 100; 10 by default).' }) },
      resolve: (story, args, { loaders }) => entitiesOf('conflict', story, args.first ?? 10, loaders),
    }),
  }),
});

export const StoryConnection = builder.connectionObject(
  { type: Story, name: 'StoryConnection', description: 'A page of stories.' },
  { name: 'StoryEdge', description: 'A story in a list of stories.' },
);

/** The stories of a list page, loaded by id (one statement for all). */
async function storyEdges(rows: StoryListRow[], loaders: Loaders) {
  const stories = await Promise.all(rows.map((row) => loaders.storyById.load(row.id)));
  return rows.map((row, i) => ({ row, story: stories[i]! }));
}

builder.objectField(Article, 'story', (t) =>
  t.field({
    type: Story,
    nullable: true,
    description: 'The story the article belongs to; null only for an article stored before stories were kept, until `npm run relink`.',
    resolve: async (article, _args, { loaders }) => {
      const id = await loaders.storyIdOfArticle.load(article.id);
      return id === null ? null : loaders.storyById.load(id);
    },
  }),
);

const STORIES_OF = {
  conflict: { type: Conflict, description: 'The stories with articles on this conflict, newest first (by their latest article on it, then by id).' },
  actor: { type: Actor, description: 'The stories with articles that mention this actor, newest first (by their latest such article, then by id).' },
} satisfies Record<Kind, { type: unknown; description: string }>;

for (const kind of KINDS) {
  const { type, description } = STORIES_OF[kind];
  builder.objectField(type, 'stories', (t) =>
    t.field({
      type: StoryConnection,
      description,
      args: { ...t.arg.connectionArgs() },
      resolve: async (parent, args, { loaders }) => {
        const page = readPage(args, STORY_LIST_KEY);
        const edges = await storyEdges(await loaders.storiesOf(kind, page).load(parent.id), loaders);
        return toConnection(
          edges,
          page,
          ({ row }) => [row.last, row.id],
          ({ story }) => ({ node: story }),
          () => loaders.storyCountOf(kind).load(parent.id),
        );
      },
    }),
  );
}

builder.queryField('stories', (t) =>
  t.field({
    type: StoryConnection,
    description:
      'The stories of the articles matching `filter` (of all articles when left out), newest first (by their latest matching article, then by id).',
    args: { ...t.arg.connectionArgs(), filter: t.arg({ type: ArticleFilter, description: 'Only stories with an article that meets these conditions.' }) },
    resolve: async (_root, args, { db, loaders }) => {
      const filter = await resolveFilter(await readFilter(args.filter, loaders), loaders);
      const page = readPage(args, STORY_LIST_KEY);
      const edges = await storyEdges(await listStories(db, filter, page), loaders);
      return toConnection(
        edges,
        page,
        ({ row }) => [row.last, row.id],
        ({ story }) => ({ node: story }),
        () => countStories(db, filter),
      );
    },
  }),
);

