import { normaliseText } from '@app/common';
import type { SeedSession } from './seed-data';
import { SeedContext, upsert } from './seed-context';

/**
 * One session by its slug: its row, then its children (claims, delegations, organisers, invitations,
 * bridge points, documents, agenda) replaced, each with its citations, and its search row refreshed.
 */
export async function seedSession(ctx: SeedContext, session: SeedSession) {
  const { manager } = ctx;
  const id = await upsert(
    manager,
    'training_session',
    { slug: session.key },
    {
      title: normaliseText(session.title),
      kind: session.kind,
      status: session.status,
      starts_on: session.schedule.start,
      ends_on: session.schedule.end,
      date_precision: session.schedule.precision,
      part_of_day: session.schedule.partOfDay,
      venue_name: session.venue.name,
      venue_address: session.venue.address,
      host_province_id: session.venue.hostProvinceName
        ? ctx.id(ctx.oldProvinces, session.venue.hostProvinceName, 'province')
        : null,
      format: session.format,
      audience: session.audience,
      invitation_scope: session.invitationScope,
      note: [session.note, session.schedule.note].filter(Boolean).join(' ') || null,
    },
  );
  // Child collections of a seeded session are replaced as a whole; counts and delegations entered
  // through the API (not seeded) stay.
  for (const table of ['session_claim', 'session_delegation']) {
    await manager.query(`DELETE FROM ${table} WHERE session_id = $1 AND seeded`, [id]);
  }
  for (const table of [
    'session_source',
    'session_organiser',
    'session_invited_province',
    'session_invited_region',
    'bridge_point',
    'session_document',
    'agenda_item',
  ]) {
    await manager.query(`DELETE FROM ${table} WHERE session_id = $1`, [id]);
  }
  await ctx.cite('training_session', id, session.cite);
  await ctx.cite('training_session', id, session.schedule.cite, 'schedule');
  await ctx.cite('training_session', id, session.venue.cite, 'venue');
  await ctx.cite('training_session', id, session.invitationCite, 'invitation');
  for (const key of session.sourceKeys) {
    await manager.query(`INSERT INTO session_source (session_id, source_id) VALUES ($1, $2)`, [
      id,
      ctx.id(ctx.sources, key, 'source'),
    ]);
  }
  for (const [index, organiser] of session.organisers.entries()) {
    const [{ id: organiserId }] = await manager.query(
      `INSERT INTO session_organiser (session_id, organisation_id, role, position) VALUES ($1, $2, $3, $4) RETURNING id`,
      [id, ctx.id(ctx.organisations, organiser.organisationKey, 'organisation'), organiser.role, index + 1],
    );
    await ctx.cite('session_organiser', Number(organiserId), organiser.cite);
  }
  for (const name of session.invitedProvinceNames) {
    await manager.query(`INSERT INTO session_invited_province (session_id, province_id) VALUES ($1, $2)`, [
      id,
      ctx.id(ctx.oldProvinces, name, 'province'),
    ]);
  }
  for (const name of session.invitedRegions) {
    await manager.query(`INSERT INTO session_invited_region (session_id, region_id, in_part) VALUES ($1, $2, $3)`, [
      id,
      ctx.id(ctx.regions, name, 'region'),
      session.invitedRegionsInPart ?? false,
    ]);
  }
  for (const claim of session.claims) {
    const [{ id: claimId }] = await manager.query(
      `INSERT INTO session_claim (session_id, field, value, note, seeded) VALUES ($1, $2, $3, $4, true) RETURNING id`,
      [id, claim.field, claim.value, claim.qualifier],
    );
    await ctx.cite('session_claim', Number(claimId), claim.cite);
  }
  for (const point of session.bridgePoints) {
    const [{ id: pointId }] = await manager.query(
      `INSERT INTO bridge_point (session_id, name, organisation_id, province_id, abroad, is_group, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        id,
        point.name,
        point.organisationKey ? ctx.id(ctx.organisations, point.organisationKey, 'organisation') : null,
        point.provinceName ? ctx.id(ctx.oldProvinces, point.provinceName, 'province') : null,
        point.abroad,
        point.isGroup,
        point.note ?? null,
      ],
    );
    await ctx.cite('bridge_point', Number(pointId), point.cite);
  }
  for (const delegation of session.reportedDelegations) {
    for (const agency of delegation.agencies) {
      const [{ id: delegationId }] = await manager.query(
        `INSERT INTO session_delegation (session_id, province_id, organisation_id, headcount, seeded) VALUES ($1, $2, $3, $4, true)
         ON CONFLICT (session_id, province_id, coalesce(organisation_id, 0))
         DO UPDATE SET headcount = EXCLUDED.headcount, seeded = true RETURNING id`,
        [
          id,
          ctx.id(ctx.oldProvinces, delegation.provinceName, 'province'),
          ctx.id(ctx.organisations, agency.organisationKey, 'organisation'),
          agency.headcount ?? null,
        ],
      );
      await ctx.cite('session_delegation', Number(delegationId), agency.cite);
    }
  }
  for (const key of session.documentKeys) {
    await manager.query(`INSERT INTO session_document (session_id, document_id) VALUES ($1, $2)`, [
      id,
      ctx.id(ctx.documents, key, 'document'),
    ]);
  }
  for (const item of session.agenda) {
    const [{ id: itemId }] = await manager.query(
      `INSERT INTO agenda_item (session_id, position, kind, title, summary, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [id, item.position, item.kind, normaliseText(item.title), item.summary, item.note ?? null],
    );
    for (const [index, presenter] of item.presenters.entries()) {
      await manager.query(
        `INSERT INTO agenda_presenter (agenda_item_id, position, person_id, organisation_id) VALUES ($1, $2, $3, $4)`,
        [
          itemId,
          index + 1,
          'personKey' in presenter ? ctx.id(ctx.people, presenter.personKey, 'person') : null,
          'organisationKey' in presenter ? ctx.id(ctx.organisations, presenter.organisationKey, 'organisation') : null,
        ],
      );
    }
    for (const key of item.documentKeys) {
      await manager.query(`INSERT INTO agenda_document (agenda_item_id, document_id) VALUES ($1, $2)`, [
        itemId,
        ctx.id(ctx.documents, key, 'document'),
      ]);
    }
    await ctx.cite('agenda_item', Number(itemId), item.cite);
  }
  await manager.query(`SELECT refresh_session_search($1)`, [id]);
}
