import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { fullTextMatch, SqlParams } from '../search/search-query';
import { searchTerms } from '../search/search-terms';
import { ProvinceListQuery } from './places.dto';

export interface ProvinceRow {
  id: number;
  code: string | null;
  name: string;
  kind: string;
  region_id: number;
  region_name: string;
  valid_from: string | null;
  valid_to: string | null;
  successor_id: number | null;
  successor_name: string | null;
}

const COLUMNS = `p.id, p.code, p.name, p.kind, p.region_id, r.name AS region_name,
  to_char(p.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(p.valid_to, 'YYYY-MM-DD') AS valid_to,
  p.successor_id, sp.name AS successor_name`;
const PROVINCE_DOCUMENT = `search_vector(concat_ws(' ', p.name,
  (SELECT string_agg(a.alias, ' ') FROM province_alias a WHERE a.province_name = p.name)), 'A')`;
const FROM = `province p JOIN region r ON r.id = p.region_id LEFT JOIN province sp ON sp.id = p.successor_id`;

@Injectable()
export class PlacesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async provinces(query: ProvinceListQuery): Promise<{ rows: ProvinceRow[]; total: number }> {
    const params = new SqlParams();
    const terms = searchTerms(query.q);
    if (query.q?.trim() && terms.length === 0) return { rows: [], total: 0 };
    // About a hundred units: the name and its aliases are indexed on the fly.
    const match = terms.length > 0 ? fullTextMatch(PROVINCE_DOCUMENT, terms, params) : undefined;
    const where = match ? [match.where] : [];
    // An era is the set of units in force on a day of it.
    const at = query.at ?? (query.era === 'pre-2025' ? '2024-12-31' : query.era === '2025' ? '2025-07-01' : undefined);
    if (at) {
      const day = params.add(at);
      where.push(
        `(p.valid_from IS NULL OR p.valid_from <= ${day}::date) AND (p.valid_to IS NULL OR p.valid_to >= ${day}::date)`,
      );
    }
    if (query.region) where.push(`p.region_id = ${params.add(query.region)}`);
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${FROM} ${filter}`,
      params.values,
    );
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${FROM} ${filter} ORDER BY p.name COLLATE vi, p.valid_from NULLS FIRST, p.id
        LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.offset)}`,
      params.values,
    );
    return { rows, total };
  }

  async province(id: number): Promise<ProvinceRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE p.id = $1`, [id]);
    return row;
  }

  predecessors(id: number): Promise<ProvinceRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE p.successor_id = $1 ORDER BY p.code`, [id]);
  }

  regions(): Promise<{ id: number; slug: string; name: string; province_count: number }[]> {
    return this.dataSource.query(
      `SELECT r.id, r.slug, r.name, count(p.id) FILTER (WHERE p.code IS NOT NULL)::int AS province_count
         FROM region r LEFT JOIN province p ON p.region_id = r.id GROUP BY r.id ORDER BY r.id`,
    );
  }

  regionProvinces(id: number): Promise<ProvinceRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE p.region_id = $1 AND p.code IS NOT NULL ORDER BY p.name COLLATE vi`,
      [id],
    );
  }
}
