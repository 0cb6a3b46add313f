import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { publishedSql } from '../sessions/session.rules';

/** What the calendar needs of a session. */
export interface CalendarSessionRow {
  id: string;
  slug: string;
  title: string;
  status: string;
  starts_on: string;
  ends_on: string;
  date_precision: 'day' | 'month' | 'year';
  part_of_day: 'morning' | 'afternoon' | 'evening' | 'full_day' | null;
  format: 'in_person' | 'online' | 'hybrid';
  venue_name: string | null;
  venue_address: string | null;
  host_province_name: string | null;
  updated_at: Date;
}

/** Reads published sessions for the iCal feed. */
@Injectable()
export class SessionCalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  published(): Promise<CalendarSessionRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.slug, s.title, s.status,
              to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on,
              s.date_precision, s.part_of_day, s.format, s.venue_name, s.venue_address,
              hp.name AS host_province_name, s.updated_at
         FROM training_session s LEFT JOIN province hp ON hp.id = s.host_province_id
        WHERE ${publishedSql('s')}
        ORDER BY s.starts_on, s.id`,
    );
  }
}
