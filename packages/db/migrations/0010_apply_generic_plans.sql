-- Apply's functions plan their statements once per connection. Left to plan_cache_mode = auto,
-- PL/pgSQL kept re-planning some of them on every call (a custom plan for each story's keys and
-- arrays), which was an eighth of the server's time per applied story (perf on the backend:
-- standard_planner 13 %). Every statement in them reads by equality on an indexed column, by a
-- short index range with a LIMIT, or inserts, so the generic plan is the plan a custom one would
-- be (checked with EXPLAIN EXECUTE under force_generic_plan on a 100,000-initiative store).
-- A SET on a function holds for the functions it calls too (apply_* call record_story).
ALTER FUNCTION record_story(jsonb, text, integer) SET plan_cache_mode = force_generic_plan;--> statement-breakpoint
ALTER FUNCTION apply_new_story(jsonb) SET plan_cache_mode = force_generic_plan;--> statement-breakpoint
ALTER FUNCTION apply_known_story(jsonb) SET plan_cache_mode = force_generic_plan;--> statement-breakpoint
ALTER FUNCTION apply_bridging_story(jsonb) SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
-- The two reads before a bridging story's write (packages/db/src/queries/apply-unlocked.ts), as
-- functions for the same reason: as prepared statements over "= any($1)" PostgreSQL never took
-- their generic plan (costed for a longer array than the two or three ids they get) and planned
-- the join and union again on every call, about a quarter of a millisecond each.
CREATE FUNCTION radar_apply_rows(p_ids text[], p_item text)
RETURNS TABLE (id text, title text, primary_org text, region text, icb text, status text, state jsonb, minhash jsonb,
               version integer, merged_into text, first_seen timestamptz, last_seen timestamptz, created_at timestamptz,
               updated_at timestamptz, row_version text, mentioned_in text)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    select i.id, i.title, i.primary_org, i.region, i.icb, i.status, i.state, i.minhash, i.version, i.merged_into,
           i.first_seen, i.last_seen, i.created_at, i.updated_at, i.xmin::text,
           (select m.initiative_id from mentions m where m.item_id = p_item)
      from initiatives i where i.id = any(p_ids);
END
$$;
--> statement-breakpoint
-- Every story of these initiatives, and the item about to become a mention of one of them, in the
-- order a rebuild replays them (as curate.ts storiesOf: publication time, else when the mention was
-- written, then item id). initiative_id is null for the new item, whose MinHash is p_minhash.
CREATE FUNCTION radar_apply_stories(p_ids text[], p_item text, p_minhash jsonb)
RETURNS TABLE (initiative_id text, item_id text, analysis jsonb, title text, published_at timestamptz, url text, minhash jsonb)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    select s.initiative_id, s.item_id, s.analysis, s.title, s.published_at, s.url, s.minhash from (
      select m.initiative_id, it.id as item_id, it.analysis, coalesce(a.title, a.feed_title) as title, a.published_at,
             a.canonical_url as url, m.minhash, coalesce(a.published_at, m.created_at) as at
        from mentions m join items it on it.id = m.item_id join articles a on a.id = it.article_id
       where m.initiative_id = any(p_ids)
      union all
      select null, it.id, it.analysis, coalesce(a.title, a.feed_title), a.published_at, a.canonical_url, p_minhash, coalesce(a.published_at, now())
        from items it join articles a on a.id = it.article_id
       where it.id = p_item) s
    order by s.at, s.item_id;
END
$$;
