-- Apply as server-side functions: a story's whole write is one statement (one round trip, and its
-- own transaction: no BEGIN / COMMIT) instead of ~7 round trips in an explicit transaction. A new
-- initiative is that one call; an update, a duplicate or a bridging fold is a read without locks,
-- the new content computed by the caller, then one guarded call. Callers:
-- packages/db/src/queries/apply.ts, which builds the one jsonb argument each function takes.
--
-- Every function is VOLATILE (the default, spelled out): in READ COMMITTED each statement inside a
-- VOLATILE function takes a fresh snapshot (PostgreSQL manual, "Function Volatility Categories"),
-- so a statement that runs after waiting for a lock sees what the lock holder committed. A STABLE
-- function would read everything from the calling statement's snapshot and miss it.

-- What every applied story leaves besides the initiative row: index rows, the mention, the version
-- row (not for duplicates) and the outbox event. p carries itemId, action, score, reasons, diff,
-- seenAt, storyMinhash, profile (JSON text, stored as written; both optional), bandKeys and keys (deduplicated by the caller),
-- eventType, payload and silent. The mention's primary key (item_id) is the idempotency guard: a
-- second apply of the same item fails here with a unique violation and its whole statement rolls back.
CREATE FUNCTION record_story(p jsonb, v_initiative text, v_version integer) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_seen_at timestamptz := (p->>'seenAt')::timestamptz;
BEGIN
  IF p->>'action' = 'new' THEN
    -- A new initiative has no index rows yet: plain inserts, no conflict checks.
    INSERT INTO signature_bands (band_key, initiative_id)
      SELECT k, v_initiative FROM jsonb_array_elements_text(p->'bandKeys') AS k;
    INSERT INTO initiative_keys (key, initiative_id, seen_at)
      SELECT k, v_initiative, v_seen_at FROM jsonb_array_elements_text(p->'keys') AS k;
  ELSE
    INSERT INTO signature_bands (band_key, initiative_id)
      SELECT k, v_initiative FROM jsonb_array_elements_text(p->'bandKeys') AS k
      ON CONFLICT DO NOTHING;
    -- A key remembers its newest report (resolve ranks an organisation's initiatives by it). A key
    -- row already at least as recent is left alone: rewriting it would add index entries for nothing.
    INSERT INTO initiative_keys (key, initiative_id, seen_at)
      SELECT k, v_initiative, v_seen_at FROM jsonb_array_elements_text(p->'keys') AS k
      ON CONFLICT (key, initiative_id) DO UPDATE SET seen_at = excluded.seen_at WHERE initiative_keys.seen_at < excluded.seen_at;
  END IF;
  INSERT INTO mentions (item_id, initiative_id, decision, score, reasons, minhash, profile)
    VALUES (p->>'itemId', v_initiative, p->>'action', (p->>'score')::real, p->'reasons', p->'storyMinhash', (p->>'profile')::json);
  -- A duplicate changes no field: no new version.
  IF p->>'action' <> 'duplicate' THEN
    INSERT INTO initiative_versions (initiative_id, version, action, diff, item_id)
      VALUES (v_initiative, v_version, p->>'action', p->'diff', p->>'itemId');
  END IF;
  INSERT INTO events (type, initiative_id, item_id, version, payload, silent)
    VALUES (p->>'eventType', v_initiative, p->>'itemId', v_version, p->'payload', (p->>'silent')::boolean)
    ON CONFLICT DO NOTHING;
END
$$;
--> statement-breakpoint

-- A story about a new initiative. p: as record_story, plus initiativeId (fresh), lockKeys (the
-- story's keys), seen (initiatives resolve compared it with), since (resolve's watermark minus the
-- in-flight margin), and the initiative's columns: title, primaryOrg, region, icb, status, state,
-- minhash. Returns {kind: applied | already-applied | rival, initiativeId}.
CREATE FUNCTION apply_new_story(p jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_id text := p->>'initiativeId';
  v_seen_at timestamptz := (p->>'seenAt')::timestamptz;
  v_keys text[] := ARRAY(SELECT jsonb_array_elements_text(p->'lockKeys'));
  v_seen text[] := ARRAY(SELECT jsonb_array_elements_text(p->'seen'));
  v_since timestamptz := (p->>'since')::timestamptz;
  v_recent text[];
  v_found text;
BEGIN
  -- Advisory locks on the story's keys, all in one statement and in a fixed (sorted) order, so
  -- two creations wanting overlapping keys queue instead of deadlocking. A concurrent creation of
  -- the same initiative waits here, then sees this one (committed) in the checks below.
  PERFORM count(pg_advisory_xact_lock(h))
    FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(v_keys) AS k ORDER BY 1) AS locks;

  -- Idempotent per item. Checked after the locks, so a concurrent apply of the same item that
  -- held them is seen as already applied rather than as a rival.
  SELECT m.initiative_id INTO v_found FROM mentions m WHERE m.item_id = p->>'itemId';
  IF FOUND THEN
    RETURN jsonb_build_object('kind', 'already-applied', 'initiativeId', v_found);
  END IF;

  -- Rival: an initiative sharing a key, created since resolve read the store (minus the in-flight
  -- margin), that resolve did not compare the story with. Usually few initiatives are that recent
  -- while a busy organisation or programme key is shared by thousands, so the check starts from
  -- the recent ones (newest first on initiatives_created_at_idx): each one's keys are probed, and
  -- the story's bands (each shared by a few initiatives) are read once. Past 500 recent creations
  -- (a large backfill) it is driven from the story's keys instead, as its cost then does not grow
  -- with the number of creations.
  v_recent := ARRAY(SELECT i.id FROM initiatives i
                     WHERE i.created_at > v_since AND i.merged_into IS NULL AND i.id <> ALL (v_seen)
                     ORDER BY i.created_at DESC LIMIT 501);
  IF cardinality(v_recent) <= 500 THEN
    SELECT r.id INTO v_found
      FROM unnest(v_recent) AS r(id)
     WHERE r.id IN (SELECT b.initiative_id FROM signature_bands b WHERE b.band_key = ANY (v_keys))
        -- OFFSET 0 keeps this one probe per recent initiative: unfenced, the planner may turn it
        -- into a hashed read of every initiative sharing the story's keys (thousands for a busy trust).
        OR EXISTS (SELECT 1 FROM initiative_keys k WHERE k.initiative_id = r.id AND k.key = ANY (v_keys) OFFSET 0)
     LIMIT 1;
  ELSE
    SELECT i.id INTO v_found
      FROM initiatives i
     WHERE i.id IN (SELECT initiative_id FROM initiative_keys WHERE key = ANY (v_keys)
                    UNION SELECT initiative_id FROM signature_bands WHERE band_key = ANY (v_keys))
       AND i.created_at > v_since
       AND i.merged_into IS NULL
       AND i.id <> ALL (v_seen)
     LIMIT 1;
  END IF;
  IF v_found IS NOT NULL THEN
    RETURN jsonb_build_object('kind', 'rival', 'initiativeId', v_found);
  END IF;

  INSERT INTO initiatives (id, title, primary_org, region, icb, status, state, minhash, version, first_seen, last_seen)
    VALUES (v_id, p->>'title', p->>'primaryOrg', p->>'region', p->>'icb', p->>'status', p->'state', p->'minhash', 1, v_seen_at, v_seen_at);
  PERFORM record_story(p, v_id, 1);
  RETURN jsonb_build_object('kind', 'applied', 'initiativeId', v_id, 'version', 1);
END
$$;
--> statement-breakpoint

-- An update or a duplicate of a known initiative, computed by the caller from the row it read
-- without a lock. Optimistic: written only if the row is still the version read (xmin is the
-- transaction that wrote the row version the caller read: any later write to the row, including a
-- duplicate's, which bumps no version, changes it), still at baseVersion and not merged. Otherwise
-- nothing is written and {kind: changed} tells the caller to take the locked path. p: as
-- record_story, plus initiativeId, baseVersion, rowVersion (xmin as text), and for an update the
-- new columns (title, primaryOrg, region, icb, status, state, minhash); a duplicate may carry a
-- widened minhash. Returns {kind: applied | changed, initiativeId, version}.
CREATE FUNCTION apply_known_story(p jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_id text := p->>'initiativeId';
  v_seen_at timestamptz := (p->>'seenAt')::timestamptz;
  v_base integer := (p->>'baseVersion')::integer;
  v_version integer;
BEGIN
  IF p->>'action' = 'duplicate' THEN
    v_version := v_base;
    UPDATE initiatives
       SET last_seen = greatest(last_seen, v_seen_at),
           first_seen = least(first_seen, v_seen_at),
           minhash = coalesce(p->'minhash', minhash)
     WHERE id = v_id AND xmin = (p->>'rowVersion')::xid AND version = v_base AND merged_into IS NULL;
  ELSE
    v_version := v_base + 1;
    UPDATE initiatives
       SET title = p->>'title', primary_org = p->>'primaryOrg', region = p->>'region', icb = p->>'icb',
           status = p->>'status', state = p->'state', minhash = p->'minhash', version = v_version,
           last_seen = greatest(last_seen, v_seen_at),
           first_seen = least(first_seen, v_seen_at),
           updated_at = now()
     WHERE id = v_id AND xmin = (p->>'rowVersion')::xid AND version = v_base AND merged_into IS NULL;
  END IF;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('kind', 'changed', 'initiativeId', v_id);
  END IF;
  PERFORM record_story(p, v_id, v_version);
  RETURN jsonb_build_object('kind', 'applied', 'initiativeId', v_id, 'version', v_version);
END
$$;
--> statement-breakpoint

-- A story that also matched other initiatives (Decision.alsoMatches): it is applied to its
-- initiative and the others are folded into it, as the locked path does with foldInto and
-- rewrite (packages/db/src/queries/curate.ts): their mentions and pins move, each becomes a
-- tombstone (merged_into, a 'merged-into' version), and the survivor takes the content the caller
-- rebuilt from all the stories (theirs, its own and this one) in one 'merge' version, with the
-- index rebuilt to match. Optimistic like apply_known_story: every row involved is locked (sorted,
-- so no deadlocks) and must still be the version the caller read (rowVersions: id → xmin), since
-- the rebuild replayed the stories as they were then; otherwise nothing is written and
-- {kind: changed} sends the caller to the locked path. p: as apply_known_story (the touch), plus
-- rowVersions, mentions (how many stories of those initiatives the rebuild replayed), folds (the
-- initiatives folded, in order: id and version), rebuilt (title, primaryOrg, region, icb, status,
-- state, minhash, bandKeys, keys) and note.
CREATE FUNCTION apply_bridging_story(p jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_id text := p->>'initiativeId';
  v_seen_at timestamptz := (p->>'seenAt')::timestamptz;
  v_base integer := (p->>'baseVersion')::integer;
  v_rows jsonb := p->'rowVersions';
  v_r jsonb := p->'rebuilt';
  v_bands text[];
  v_keys text[];
  v_last_seen timestamptz;
  v_touched integer;
  v_version integer;
  v_locked integer := 0;
  v_row record;
  v_fold record;
BEGIN
  FOR v_row IN
    SELECT i.id, i.xmin::text AS xv FROM initiatives i WHERE i.id IN (SELECT jsonb_object_keys(v_rows)) ORDER BY i.id FOR UPDATE
  LOOP
    IF v_row.xv IS DISTINCT FROM v_rows->>v_row.id THEN
      RETURN jsonb_build_object('kind', 'changed', 'initiativeId', v_id);
    END IF;
    v_locked := v_locked + 1;
  END LOOP;
  IF v_locked <> (SELECT count(*) FROM jsonb_object_keys(v_rows)) THEN
    RETURN jsonb_build_object('kind', 'changed', 'initiativeId', v_id);
  END IF;
  -- Every write that adds or moves a mention also writes its initiative's row; one deleted with
  -- its item (an article re-analysed into fewer stories) does not, and would still be replayed.
  IF (SELECT count(*) FROM mentions WHERE initiative_id IN (SELECT jsonb_object_keys(v_rows))) <> (p->>'mentions')::integer THEN
    RETURN jsonb_build_object('kind', 'changed', 'initiativeId', v_id);
  END IF;

  -- The story itself: an update takes a version, a duplicate none. Its content and index rows
  -- would be replaced by the rebuild below, so only the version row, mention and event are kept.
  v_touched := CASE WHEN p->>'action' = 'duplicate' THEN v_base ELSE v_base + 1 END;
  PERFORM record_story(p, v_id, v_touched);

  FOR v_fold IN
    SELECT f.v->>'id' AS id, (f.v->>'version')::integer AS version FROM jsonb_array_elements(p->'folds') WITH ORDINALITY AS f(v, n) ORDER BY f.n
  LOOP
    UPDATE mentions SET initiative_id = v_id WHERE initiative_id = v_fold.id;
    UPDATE pins SET initiative_id = v_id WHERE initiative_id = v_fold.id;
    UPDATE initiatives SET merged_into = v_id, version = v_fold.version + 1, updated_at = now() WHERE id = v_fold.id;
    DELETE FROM signature_bands WHERE initiative_id = v_fold.id;
    DELETE FROM initiative_keys WHERE initiative_id = v_fold.id;
    INSERT INTO initiative_versions (initiative_id, version, action, diff, note)
      VALUES (v_fold.id, v_fold.version + 1, 'merged-into', '{}', 'merged into ' || v_id);
  END LOOP;

  -- The survivor: rebuilt content, the story's dates, one 'merge' version; its index is the
  -- rebuild's, keys stamped with its last report (resolve ranks keys by it).
  v_version := v_touched + 1;
  UPDATE initiatives
     SET title = v_r->>'title', primary_org = v_r->>'primaryOrg', region = v_r->>'region', icb = v_r->>'icb',
         status = v_r->>'status', state = v_r->'state', minhash = v_r->'minhash', version = v_version,
         last_seen = greatest(last_seen, v_seen_at),
         first_seen = least(first_seen, v_seen_at),
         updated_at = now()
   WHERE id = v_id;
  -- The same rows as deleting its index and inserting the rebuild's, without rewriting the rows
  -- both have (most of them: the rebuild replays the stories that made the index).
  v_bands := ARRAY(SELECT jsonb_array_elements_text(v_r->'bandKeys'));
  v_keys := ARRAY(SELECT jsonb_array_elements_text(v_r->'keys'));
  SELECT last_seen INTO v_last_seen FROM initiatives WHERE id = v_id;
  DELETE FROM signature_bands WHERE initiative_id = v_id AND band_key <> ALL (v_bands);
  INSERT INTO signature_bands (band_key, initiative_id)
    SELECT k, v_id FROM unnest(v_bands) AS k
    ON CONFLICT DO NOTHING;
  DELETE FROM initiative_keys WHERE initiative_id = v_id AND key <> ALL (v_keys);
  INSERT INTO initiative_keys (key, initiative_id, seen_at)
    SELECT k, v_id, v_last_seen FROM unnest(v_keys) AS k
    ON CONFLICT (key, initiative_id) DO UPDATE SET seen_at = excluded.seen_at WHERE initiative_keys.seen_at <> excluded.seen_at;
  INSERT INTO initiative_versions (initiative_id, version, action, diff, note)
    VALUES (v_id, v_version, 'merge', '{}', p->>'note');
  RETURN jsonb_build_object('kind', 'applied', 'initiativeId', v_id, 'version', v_version);
END
$$;
