import { citationsOf } from '../shared/citations';
import { positionsAt } from '../shared/positions';
import { ClaimQualifier, claimsConflict } from '../claims/claim-conflict';
import { scheduleLabel } from './schedule-label';
import {
  AgendaItemDto,
  EventRoleDto,
  PositionDto,
  PresenterDto,
  ReportedCountDto,
  SessionDetailDto,
  SessionListItemDto,
  SessionSummaryDto,
} from './dto/session.response';
import type { SessionListRow } from '../search/session-search.repository';
import type { PositionRow, SessionGraph, SessionRow } from './session.repository';

const num = (value: string | number | null) => (value === null ? null : Number(value));

/** A list row: the summary, and with a search which fields matched. */
export function mapSessionListItem(row: SessionListRow): SessionListItemDto {
  const item: SessionListItemDto = mapSessionSummary(row);
  if (row.highlights) item.highlights = row.highlights;
  return item;
}

export function mapSessionSummary(row: SessionRow): SessionSummaryDto {
  return {
    id: Number(row.id),
    slug: row.slug,
    title: row.title,
    kind: row.kind,
    status: row.status,
    schedule: {
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      precision: row.date_precision,
      startMonth: row.start_month,
      startDay: row.start_day,
      endMonth: row.end_month,
      endDay: row.end_day,
      yearInferred: row.year_inferred,
      inference: row.date_inference,
      asReported: row.date_as_reported,
      reportedBy: row.reported_by,
      label: scheduleLabel(row),
      partOfDay: row.part_of_day,
      timeZone: row.time_zone,
    },
    format: row.format,
    venueName: row.venue_name,
    hostProvince:
      row.host_province_id === null
        ? null
        : { id: row.host_province_id, name: row.host_province_name!, code: row.host_province_code },
  };
}

export function mapPosition(row: PositionRow, citations: SessionGraph['citations']): PositionDto {
  return {
    id: Number(row.id),
    title: row.title,
    organisationId: num(row.organisation_id),
    organisationName: row.organisation_name,
    attestedOn: row.attested_on,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    statedAtSessionId: num(row.session_id),
    statedAtSessionSlug: row.session_slug,
    citations: citationsOf(citations, 'person_position', row.id),
  };
}

/**
 * A person's posts at this session: those its reports state here first, then those in force at
 * its date from the dated timeline. Posts stated at other sessions never take part.
 */
export function postsAtSession(
  positions: PositionRow[],
  stated: PositionRow[],
  on: string | null,
  citations: SessionGraph['citations'],
): PositionDto[] {
  const dated = positions.filter((position) => position.session_id === null);
  const inForce =
    on === null
      ? []
      : positionsAt(
          dated.map((position) => ({
            id: Number(position.id),
            title: position.title,
            attestedOn: position.attested_on,
            validFrom: position.valid_from,
            validTo: position.valid_to,
            row: position,
          })),
          on,
        ).map((position) => position.row);
  const statedTitles = new Set(stated.map((position) => `${position.title}|${position.organisation_id}`));
  return [
    ...stated,
    ...inForce.filter((position) => !statedTitles.has(`${position.title}|${position.organisation_id}`)),
  ].map((position) => mapPosition(position, citations));
}

function mapPresenters(graph: SessionGraph, itemId: string): PresenterDto[] {
  const on = graph.session.starts_on ?? graph.session.reported_by;
  return graph.presenters
    .filter((presenter) => presenter.agenda_item_id === itemId)
    .map((presenter) => {
      const positions =
        presenter.person_id === null
          ? []
          : postsAtSession(
              graph.presenterPositions.filter((position) => position.person_id === presenter.person_id),
              graph.statedPositions.filter((position) => position.person_id === presenter.person_id),
              on,
              graph.citations,
            );
      return {
        type: presenter.person_id === null ? 'organisation' : 'person',
        personId: num(presenter.person_id),
        organisationId: num(presenter.organisation_id),
        name: presenter.name,
        academicTitle: presenter.academic_title,
        militaryRank: presenter.military_rank,
        positions,
      };
    });
}

function mapAgenda(graph: SessionGraph): AgendaItemDto[] {
  return graph.agenda.map((item) => ({
    id: Number(item.id),
    position: item.position,
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    startsAt: item.starts_at,
    endsAt: item.ends_at,
    day: item.day,
    note: item.note,
    presenters: mapPresenters(graph, item.id),
    documents: graph.itemDocuments
      .filter((document) => document.agenda_item_id === item.id)
      .map((document) => ({
        id: Number(document.id),
        number: document.number,
        kind: document.kind,
        title: document.title,
        issuedOn: document.issued_on,
      })),
    citations: citationsOf(graph.citations, 'agenda_item', item.id),
  }));
}

/** Claims grouped by field; a field whose claims cannot all be true is flagged, never silently resolved. */
function mapReportedCounts(graph: SessionGraph): ReportedCountDto[] {
  const fields = [...new Set(graph.claims.map((claim) => claim.field))];
  return fields.map((field) => {
    const claims = graph.claims.filter((claim) => claim.field === field);
    return {
      field,
      conflict: claimsConflict(
        claims.map((claim) => ({ value: claim.value, qualifier: claim.qualifier as ClaimQualifier })),
      ),
      claims: claims.map((claim) => ({
        id: Number(claim.id),
        value: claim.value,
        qualifier: claim.qualifier,
        note: claim.note,
        citations: citationsOf(graph.citations, 'session_claim', claim.id),
      })),
    };
  });
}

function mapRole(role: SessionGraph['roles'][number], citations: SessionGraph['citations']): EventRoleDto {
  return {
    id: Number(role.id),
    role: role.role,
    type: role.person_id === null ? 'organisation' : 'person',
    personId: num(role.person_id),
    organisationId: num(role.organisation_id),
    name: role.name,
    awardId: num(role.award_id),
    statedAs: role.stated_as,
    note: role.note,
    citations: citationsOf(citations, 'session_role', role.id),
  };
}

export function mapSessionDetail(graph: SessionGraph): SessionDetailDto {
  const { session, citations } = graph;
  return {
    ...mapSessionSummary(session),
    venueAddress: session.venue_address,
    audience: session.audience,
    audienceScope: session.audience_scope,
    audienceUnits: session.audience_units,
    invitationScope: session.invitation_scope,
    note: session.note,
    version: session.version,
    organisers: graph.organisers.map((organiser) => ({
      organisationId: Number(organiser.organisation_id),
      name: organiser.name,
      currentName: organiser.current_name,
      role: organiser.role,
      citations: citationsOf(citations, 'session_organiser', organiser.id),
    })),
    invitedProvinces: graph.invitedProvinces,
    invitedRegions: graph.invitedRegions.map((region) => ({
      id: region.id,
      slug: region.slug,
      name: region.name,
      inPart: region.in_part,
    })),
    reportedCounts: mapReportedCounts(graph),
    bridgePoints: graph.bridgePoints.map((point) => ({
      id: Number(point.id),
      name: point.name,
      organisationId: num(point.organisation_id),
      province:
        point.province_id === null
          ? null
          : { id: point.province_id, name: point.province_name!, code: point.province_code },
      abroad: point.abroad,
      isGroup: point.is_group,
      note: point.note,
      citations: citationsOf(citations, 'bridge_point', point.id),
    })),
    reportedDelegations: graph.delegations.map((delegation) => ({
      id: Number(delegation.id),
      province: { id: delegation.province_id, name: delegation.province_name, code: delegation.province_code },
      organisationId: num(delegation.organisation_id),
      organisationName: delegation.organisation_name,
      headcount: delegation.headcount,
      note: delegation.note,
      citations: citationsOf(citations, 'session_delegation', delegation.id),
    })),
    roles: graph.roles.filter((role) => role.award_id === null).map((role) => mapRole(role, citations)),
    awards: graph.awards.map((award) => ({
      id: Number(award.id),
      title: award.title,
      conferredById: num(award.conferred_by_id),
      conferredByName: award.conferred_by_name,
      note: award.note,
      recipients: graph.roles.filter((role) => role.award_id === award.id).map((role) => mapRole(role, citations)),
      citations: citationsOf(citations, 'session_award', award.id),
    })),
    documents: graph.documents.map((document) => ({
      id: Number(document.id),
      number: document.number,
      kind: document.kind,
      title: document.title,
      issuedOn: document.issued_on,
    })),
    agenda: mapAgenda(graph),
    sources: graph.sources.map((source) => ({
      key: source.key,
      publisher: source.publisher,
      title: source.title,
      publishedOn: source.published_on,
      author: source.author,
      url: source.url,
    })),
    citations: citationsOf(citations, 'training_session', session.id),
  };
}
