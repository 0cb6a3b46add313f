import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { GazetteerData } from './gazetteer';

/**
 * The catalogue as the importer's gazetteer: organisation names (dated names and aliases),
 * people, documents, provinces of both eras, regions and sessions, read in one repeatable-read
 * transaction so the snapshot is consistent. The tables are small (the catalogue, not the
 * registrations).
 */
@Injectable()
export class GazetteerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  load(): Promise<GazetteerData> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.read(manager));
  }

  private async read(manager: EntityManager): Promise<GazetteerData> {
    const orgRows: {
      id: string;
      slug: string;
      province: string | null;
      name: string;
      is_alias: boolean;
      valid_from: string | null;
      valid_to: string | null;
    }[] = await manager.query(
      `SELECT o.id::text AS id, o.slug, p.name AS province, n.name, n.is_alias,
                to_char(n.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(n.valid_to, 'YYYY-MM-DD') AS valid_to
           FROM organisation o
           JOIN organisation_name n ON n.organisation_id = o.id
           LEFT JOIN province p ON p.id = o.province_id
          ORDER BY o.id, n.id`,
    );
    const organisations = new Map<string, GazetteerData['organisations'][number]>();
    for (const row of orgRows) {
      const org = organisations.get(row.id) ?? { id: row.id, key: row.slug, provinceName: row.province, names: [] };
      org.names.push({ name: row.name, validFrom: row.valid_from, validTo: row.valid_to, alias: row.is_alias });
      organisations.set(row.id, org);
    }
    const people: { id: string; key: string; fullName: string }[] = await manager.query(
      `SELECT id::text AS id, slug AS key, full_name AS "fullName" FROM person ORDER BY id`,
    );
    const documents: GazetteerData['documents'] = await manager.query(
      `SELECT id::text AS id, slug AS key, number, kind, title FROM document ORDER BY id`,
    );
    const provinces: GazetteerData['provinces'] = await manager.query(
      `SELECT p.id::text AS id, p.name, r.name AS region, to_char(p.valid_from, 'YYYY-MM-DD') AS "validFrom",
              to_char(p.valid_to, 'YYYY-MM-DD') AS "validTo", s.name AS "successorName"
         FROM province p JOIN region r ON r.id = p.region_id LEFT JOIN province s ON s.id = p.successor_id
        ORDER BY p.id`,
    );
    const regions: GazetteerData['regions'] = await manager.query(
      `SELECT id::text AS id, name FROM region ORDER BY id`,
    );
    const sessions: GazetteerData['sessions'] = await manager.query(
      `SELECT s.id::text AS id, s.slug AS key, s.title, s.kind, to_char(s.starts_on, 'YYYY-MM-DD') AS start,
              to_char(s.ends_on, 'YYYY-MM-DD') AS "end", s.date_precision AS precision, p.name AS "hostProvinceName",
              s.part_of_day AS "partOfDay", s.venue_name AS venue,
              coalesce((SELECT array_agg(o.organisation_id::text ORDER BY o.position) FROM session_organiser o WHERE o.session_id = s.id), '{}') AS "organisationIds"
         FROM training_session s LEFT JOIN province p ON p.id = s.host_province_id
        WHERE s.status <> 'cancelled'
        ORDER BY s.id`,
    );
    return { organisations: [...organisations.values()], people, documents, provinces, regions, sessions };
  }
}
