-- Canned queries for issue 8 (claims and copies). The same SQL is in metadata.yml.
-- Tables: figures, mentions, actors, reuse_clusters (ingest/claims.py), passages.reuse_cluster_id.

-- counts_claimed: counts claimed, by who says it and who publishes it.
-- One row per (what is counted, low, high, approximate, voice, speaker's affiliation, publisher's
-- affiliation): the same number said by an NGO and repeated by an outlet are two rows, so the
-- affiliations can be compared. :counts filters the counted noun ('' for all; 'prisoners' matches
-- 'political prisoners').
select
  figures.counts,
  figures.low,
  figures.high,
  figures.approximate,
  case when figures.speaker_id is null then 'the outlet' else 'a quoted voice' end as voice,
  coalesce(speaker_affiliations.name,
           case when figures.speaker_id is null then '(the outlet itself)' else '(speaker affiliation unknown)' end)
    as said_by_affiliation,
  group_concat(distinct coalesce(speakers.name, figures.speaker_id)) as said_by,
  coalesce(publisher_affiliations.name, '(publisher affiliation unknown)') as published_by_affiliation,
  group_concat(distinct publishers.name) as published_by,
  count(*) as times,
  count(distinct passages.document_id) as documents,
  min(figures.published) as first_published,
  max(figures.published) as last_published
from figures
  join passages on passages.id = figures.passage_id
  left join speakers on speakers.id = figures.speaker_id
  left join affiliations as speaker_affiliations on speaker_affiliations.id = figures.speaker_affiliation_id
  left join affiliations as publisher_affiliations on publisher_affiliations.id = figures.affiliation_id
  left join publishers on publishers.id = figures.publisher_id
where :counts = '' or figures.counts like '%' || :counts || '%'
group by figures.counts, figures.low, figures.high, figures.approximate, voice,
  figures.speaker_affiliation_id, figures.affiliation_id
order by figures.counts, figures.low, figures.high, said_by_affiliation, published_by_affiliation;

-- copies_between_outlets: passages copied between outlets, earliest first.
-- One row per passage in a cluster; clusters in order of their earliest known publication
-- (unknown dates last), and inside a cluster the passages by date. "first" marks the earliest.
select
  reuse_clusters.id as cluster,
  reuse_clusters.size,
  reuse_clusters.documents,
  reuse_clusters.publishers,
  reuse_clusters.first_published,
  case when passages.id = reuse_clusters.first_passage_id then 'first' else '' end as first,
  passages.published,
  publishers.name as publisher,
  passages.affiliation_id as publisher_affiliation,
  passages.speaker_id,
  passages.kind,
  passages.text,
  passages.id as passage_id
from reuse_clusters
  join passages on passages.reuse_cluster_id = reuse_clusters.id
  left join publishers on publishers.id = passages.publisher_id
order by reuse_clusters.first_published is null, reuse_clusters.first_published, reuse_clusters.id,
  passages.id != reuse_clusters.first_passage_id, passages.published is null, passages.published, passages.id;

-- names_by_affiliation: which names each outlet affiliation uses.
-- Split by voice: the outlet's own words (speaker_id null) say what the outlet calls an actor;
-- quoted voices say what the people it quotes call it.
select
  coalesce(affiliations.name, '(publisher affiliation unknown)') as outlet_affiliation,
  case when passages.speaker_id is null then 'the outlet' else 'a quoted voice' end as voice,
  actors.name as actor,
  mentions.name as name_used,
  count(*) as mentions,
  count(distinct passages.document_id) as documents,
  count(distinct passages.publisher_id) as publishers
from mentions
  join passages on passages.id = mentions.passage_id
  join actors on actors.id = mentions.actor_id
  left join affiliations on affiliations.id = passages.affiliation_id
group by passages.affiliation_id, voice, mentions.actor_id, mentions.name
order by outlet_affiliation, voice, actor, mentions desc, name_used;
