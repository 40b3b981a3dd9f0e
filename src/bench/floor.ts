/**
 * The floor: the data each contract operation returns, fetched by one hand-written statement that
 * builds the whole answer as JSON in Postgres (returned as text, so nothing is parsed on our side).
 * Orders and page sizes are those of the API; fields the operation does not ask for are left out.
 * Counts come from the same precomputed tables the server reads, so the floor is the cheapest
 * way to this data, not a slower one.
 */

export interface FloorCall {
  text: string;
  params: (string | number)[];
}

const json = (value: string) => `coalesce(${value}, '[]'::json)`;

/** ConflictTraversal: the first conflicts by name, each with its newest articles and their actors, and its parties. */
export function conflictTraversalFloor(conflicts: number, articles: number): FloorCall {
  const text = `
    with c as (select id, name, kind from conflicts order by name, id limit $1)
    select json_build_object(
      'totalCount', (select count(*) from conflicts),
      'conflicts', ${json(`json_agg(json_build_object(
        'id', c.id, 'name', c.name, 'kind', c.kind,
        'articles', json_build_object(
          'totalCount', (select coalesce(sum(n.article_count), 0) from conflict_month_counts n where n.conflict_id = c.id),
          'nodes', (select ${json(`json_agg(json_build_object(
              'id', a.id, 'title', a.title, 'publishedOn', a.published_on,
              'actors', (select ${json(`json_agg(json_build_object(
                  'mentionCount', aa.mention_count, 'id', x.id, 'name', x.name, 'kind', x.kind)
                  order by aa.mention_count desc, x.name, x.id)`)}
                from article_actors aa join actors x on x.id = aa.actor_id where aa.article_id = a.id)
            ) order by l.published_on desc, l.article_id desc)`)}
            from (select article_id, published_on from article_conflicts where conflict_id = c.id
                  order by published_on desc, article_id desc limit $2) l
            join articles a on a.id = l.article_id)),
        'actors', json_build_object(
          'totalCount', (select count(*) from conflict_actors ca where ca.conflict_id = c.id),
          'edges', (select ${json(`json_agg(json_build_object(
              'role', p.role, 'articleCount', p.article_count, 'id', p.id, 'name', p.name, 'kind', p.kind)
              order by p.role, p.name, p.id)`)}
            from (select ca.role, x.id, x.name, x.kind, coalesce(n.article_count, 0) as article_count
                  from conflict_actors ca join actors x on x.id = ca.actor_id
                  left join conflict_actor_counts n on n.conflict_id = ca.conflict_id and n.actor_id = ca.actor_id
                  where ca.conflict_id = c.id order by ca.role, x.name, x.id limit 20) p))
      ) order by c.name, c.id)`)}
    )::text as result
    from c`;
  return { text, params: [conflicts, articles] };
}

/** ArticlesWithEntities: a page of the newest articles after a key, with their actors (and mentions) and conflicts. */
export function articlesWithEntitiesFloor(first: number, after: { publishedOn: string; id: number } | null): FloorCall {
  const keyset = after ? 'where (a.published_on, a.id) < ($2::date, $3::int)' : '';
  const text = `
    with page as (
      select a.id, a.external_id, a.title, a.published_on, a.date_precision, a.sources,
             row_number() over (order by a.published_on desc, a.id desc) as n
      from articles a ${keyset}
      order by a.published_on desc, a.id desc limit $1 + 1
    )
    select json_build_object(
      'totalCount', (select coalesce(sum(article_count), 0) from corpus_month_counts),
      'hasNextPage', (select count(*) > $1 from page),
      'edges', ${json(`json_agg(json_build_object(
        'cursor', json_build_array(p.published_on, p.id),
        'id', p.id, 'externalId', p.external_id, 'title', p.title, 'publishedOn', p.published_on,
        'datePrecision', p.date_precision, 'sources', p.sources,
        'actors', (select ${json(`json_agg(json_build_object(
            'mentionCount', aa.mention_count,
            'mentions', (select ${json(`json_agg(json_build_object('start', m.start, 'end', m."end", 'text', m.text) order by m.start)`)}
                         from mentions m where m.article_id = aa.article_id and m.actor_id = aa.actor_id),
            'id', x.id, 'name', x.name, 'kind', x.kind, 'aliases', x.aliases)
            order by aa.mention_count desc, x.name, x.id)`)}
          from article_actors aa join actors x on x.id = aa.actor_id where aa.article_id = p.id),
        'conflicts', (select ${json(`json_agg(json_build_object('score', ac.score, 'id', c.id, 'name', c.name)
            order by ac.score desc, c.name, c.id)`)}
          from article_conflicts ac join conflicts c on c.id = ac.conflict_id where ac.article_id = p.id)
      ) order by p.published_on desc, p.id desc) filter (where p.n <= $1)`)}
    )::text as result
    from page p`;
  return { text, params: after ? [first, after.publishedOn, after.id] : [first] };
}

/** SearchArticles: the best matches by rank with a highlighted snippet, and how many match. */
export function searchArticlesFloor(search: string, first: number): FloorCall {
  const text = `
    with q as (select websearch_to_tsquery('public.dutch_unaccent', $1) as query),
    hits as (
      select a.id, a.external_id, a.title, a.body, ts_rank(a.search, q.query) as rank
      from articles a, q where a.search @@ q.query
      order by rank desc, a.id desc limit $2
    )
    select json_build_object(
      'totalCount', (select count(*) from articles a, q where a.search @@ q.query),
      'edges', (select ${json(`json_agg(json_build_object(
          'id', h.id, 'externalId', h.external_id, 'title', h.title,
          'snippet', ts_headline('public.dutch_unaccent', h.body, q.query,
            'StartSel=<mark>, StopSel=</mark>, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'))
          order by h.rank desc, h.id desc)`)}
        from hits h, q)
    )::text as result`;
  return { text, params: [search, first] };
}

/** ActorProfile: one actor with its first conflicts by name, its newest articles and its top co-actors by shared articles. */
export function actorProfileFloor(slug: string): FloorCall {
  const text = `
    with actor as (select id, name, kind, aliases from actors where slug = $1)
    select json_build_object(
      'id', actor.id, 'name', actor.name, 'kind', actor.kind, 'aliases', actor.aliases,
      'conflicts', (select ${json(`json_agg(json_build_object('role', x.role, 'id', x.id, 'name', x.name) order by x.name, x.id, x.role)`)}
        from (select ca.role, c.id, c.name from conflict_actors ca join conflicts c on c.id = ca.conflict_id
              where ca.actor_id = actor.id order by c.name, c.id, ca.role limit 10) x),
      'articles', json_build_object(
        'totalCount', (select coalesce(sum(n.article_count), 0) from actor_month_counts n where n.actor_id = actor.id),
        'edges', (select ${json(`json_agg(json_build_object('id', a.id, 'title', a.title, 'publishedOn', a.published_on)
            order by l.published_on desc, l.article_id desc)`)}
          from (select article_id, published_on from article_actors where actor_id = actor.id
                order by published_on desc, article_id desc limit 5) l
          join articles a on a.id = l.article_id)),
      'coActors', (select ${json(`json_agg(json_build_object('articleCount', t.shared, 'id', t.id, 'name', t.name)
          order by t.shared desc, t.name, t.id)`)}
        from (select p.shared, x.id, x.name
              from (select case when n.actor_id = actor.id then n.other_id else n.actor_id end as id, n.article_count as shared
                    from actor_pair_totals n where n.actor_id = actor.id or n.other_id = actor.id) p
              join actors x on x.id = p.id
              order by p.shared desc, x.name, x.id limit 10) t)
    )::text as result
    from actor`;
  return { text, params: [slug] };
}
