ALTER TABLE "mentions" ADD COLUMN "profile_format" text GENERATED ALWAYS AS (profile->>'v') STORED;--> statement-breakpoint
-- radar_candidates as in 0007, except that a member's profile format is read from the stored
-- column above: `m.profile->>'v'` parsed every member's whole JSON text (about 40 µs each).
CREATE OR REPLACE FUNCTION radar_candidates(p_keys text[], p_bands text[], p_per_key integer, p_limit integer, p_recent boolean,
                                 p_profile text, p_members integer, p_item text, p_states integer)
RETURNS TABLE (now timestamptz, pinned boolean, id text, version integer, first_seen timestamptz, last_seen timestamptz,
               members text, state jsonb, minhash jsonb)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    with
      kk as (select distinct k from unnest(p_keys) as k),
      bk as (select distinct k from unnest(p_bands) as k),
      hits as (
        select x.initiative_id as id, 2 as n, x.seen_at as seen
          from kk cross join lateral (
            select initiative_id, seen_at from initiative_keys where key = kk.k order by seen_at desc nulls last limit p_per_key) x
        union all
        select x.initiative_id, 1, null
          from bk cross join lateral (select initiative_id from signature_bands where band_key = bk.k limit p_per_key) x
      ),
      ranked as (
        select id, sum(n)::int as score, max(seen) as seen from hits group by id
        order by score desc, seen desc nulls last, id limit p_limit
      ),
      recent as (
        select i.id, 0 as score, null::timestamptz as seen from initiatives i
        where p_recent and i.created_at > now() - interval '60 seconds' and i.merged_into is null
          and i.id in (select initiative_id from initiative_keys where key = any(p_keys)
                       union select initiative_id from signature_bands where band_key = any(p_bands))
      ),
      found as (
        select id, score, seen, row_number() over (order by score desc, seen desc nulls last, id) as rk
        from (select id, max(score) as score, max(seen) as seen from (select * from ranked union all select * from recent) c group by id) g
      )
    select now(), exists (select 1 from pins where item_id = p_item) as pinned,
      i.id, i.version, i.first_seen, i.last_seen, mem.members,
      -- The merged state and MinHash are scored only for an initiative without member stories
      -- (hand-loaded); otherwise the members are. The state also comes with the p_states best-ranked
      -- candidates: the one a follow-up report matches is nearly always among them, and resolve then
      -- needs no second read for its diff.
      case when mem.n = 0 or f.rk <= p_states then i.state end as state,
      case when mem.n = 0 then i.minhash end as minhash
    from (select 1) as one
    left join (found f join initiatives i on i.id = f.id and i.merged_into is null) on true
    -- Members as one JSON text: current profiles verbatim (json column: no conversion), the story
    -- itself for a mention without one. Text concatenation costs a fraction of json_agg here.
    left join lateral (
      select count(*) as n, '[' || coalesce(string_agg(
               case when m.profile_format = p_profile then m.profile::text
               else (select json_build_object('story', json_build_object('item', it.analysis, 'articleTitle', coalesce(a.title, a.feed_title),
                              'publishedAt', a.published_at, 'source', a.canonical_url, 'minhash', m.minhash))::text
                     from items it join articles a on a.id = it.article_id where it.id = m.item_id) end,
               ',' order by m.created_at desc), '') || ']' as members
      from (select item_id, profile, profile_format, minhash, created_at from mentions where initiative_id = i.id order by created_at desc limit p_members) m
    ) mem on true
    order by f.score desc nulls last, f.seen desc nulls last, i.id;
END
$$;
