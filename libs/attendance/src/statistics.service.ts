import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuthUser, requireAccess } from '@app/accounts';
import { AppConfig, notFound } from '@app/common';

export class CountsDto {
  @ApiProperty({ description: 'Active registrations (pending, confirmed, waitlisted)' }) registered: number;
  @ApiProperty() confirmed: number;
  @ApiProperty({ description: 'Confirmed people present in at least one part' }) attended: number;
  @ApiPropertyOptional({ nullable: true, description: 'attended / confirmed' }) attendanceRate: number | null;
}

export class PartCountsDto {
  @ApiProperty() partId: number;
  @ApiProperty() label: string;
  @ApiProperty() present: number;
  @ApiProperty() absent: number;
  @ApiProperty() excused: number;
  @ApiProperty() walkIns: number;
  @ApiProperty({ description: 'Headcounts reported by bridge points that take no names' }) bridgePointHeadcount: number;
  @ApiPropertyOptional({ nullable: true, description: 'present / confirmed' }) rate: number | null;
}

export class GroupCountsDto extends CountsDto {
  @ApiProperty() key: string;
  @ApiPropertyOptional({ nullable: true }) provinceId: number | null;
  @ApiProperty({ type: [Number], description: 'Present per part, in part order' }) presentByPart: number[];
}

export class SessionStatisticsDto {
  @ApiProperty() sessionId: number;
  @ApiProperty({ description: 'Provinces invited; for a nationwide session, the units in force on its date' })
  invitedProvinces: number;
  @ApiProperty({ description: 'A cancelled session counts no attendance' }) cancelled: boolean;
  @ApiProperty({ type: CountsDto }) totals: CountsDto;
  @ApiProperty({ type: [PartCountsDto] }) parts: PartCountsDto[];
  @ApiProperty({ type: [GroupCountsDto] }) byProvince: GroupCountsDto[];
  @ApiProperty({ type: [GroupCountsDto] }) byAgency: GroupCountsDto[];
}

export class ProvinceStatisticsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1945)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'Count pre-2025 units under their 2025 successors' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  rollUp?: boolean;
}

export class ProvinceYearDto {
  @ApiProperty() provinceId: number;
  @ApiProperty() provinceName: string;
  @ApiProperty() year: number;
  @ApiProperty({ description: 'Sessions that invited the unit (or a unit rolled into it)' }) trainingsInvited: number;
  @ApiProperty() trainingsWithRegistrations: number;
  @ApiProperty() peopleConfirmed: number;
  @ApiProperty() peopleAttended: number;
}

const collator = new Intl.Collator('vi');
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/** Read-only figures; every number is a count over stored rows, so totals add up by construction. */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async session(sessionId: number, user: AuthUser): Promise<SessionStatisticsDto> {
    requireAccess(user, { session: sessionId, action: 'attendance.statistics' });
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [session] = await manager.query(
        `SELECT id, status, invitation_scope, starts_on FROM training_session WHERE id = $1`,
        [sessionId],
      );
      if (!session) throw notFound('Session', sessionId);
      const cancelled = session.status === 'cancelled';
      // The invited units, with zeros when nobody registered (they are the ones to chase). A
      // nationwide invitation names no province: it means every unit in force on the session's date.
      const invitedUnits: { id: number; name: string; successor_id: number | null }[] = await manager.query(
        session.invitation_scope === 'nationwide'
          ? `SELECT p.id, p.name, p.successor_id FROM province p, training_session s
              WHERE s.id = $1 AND (p.valid_from IS NULL OR p.valid_from <= s.starts_on)
                AND (p.valid_to IS NULL OR p.valid_to >= s.starts_on)`
          : `SELECT p.id, p.name, p.successor_id FROM session_invited_province ip JOIN province p ON p.id = ip.province_id
              WHERE ip.session_id = $1`,
        [sessionId],
      );
      const invited = invitedUnits.length;
      const parts: {
        id: string;
        label: string;
        absent: number;
        excused: number;
        walk_ins: number;
        headcount: number;
      }[] = await manager.query(
        `SELECT sp.id, sp.label,
                  count(*) FILTER (WHERE a.status = 'absent')::int AS absent,
                  count(*) FILTER (WHERE a.status = 'excused')::int AS excused,
                  count(*) FILTER (WHERE a.walk_in_id IS NOT NULL)::int AS walk_ins,
                  coalesce((SELECT sum(headcount) FROM bridge_point_headcount h WHERE h.part_id = sp.id), 0)::int AS headcount
             FROM session_part sp LEFT JOIN attendance a ON a.part_id = sp.id AND a.undone_at IS NULL AND NOT $2
            WHERE sp.session_id = $1 GROUP BY sp.id ORDER BY sp.position`,
        [sessionId, cancelled],
      );
      // Registrations and who was present in which part; grouped here so every breakdown is
      // computed from the same rows and adds up to the totals.
      const registrations: {
        id: string;
        province_id: number;
        province_name: string;
        agency: string;
        status: string;
      }[] = await manager.query(
        `SELECT r.id, r.province_id, p.name AS province_name, r.agency, r.status
             FROM registration r JOIN province p ON p.id = r.province_id WHERE r.session_id = $1`,
        [sessionId],
      );
      const presence: { registration_id: string; part_id: string }[] = await manager.query(
        // Presence counts only inside the part's check-in window (rows recorded before the window
        // existed, months early, are not attendance) and never for a cancelled session.
        `SELECT a.registration_id, a.part_id FROM attendance a JOIN session_part sp ON sp.id = a.part_id
          WHERE sp.session_id = $1 AND a.undone_at IS NULL AND a.status = 'present' AND a.registration_id IS NOT NULL
            AND NOT $2
            AND a.checked_in_at BETWEEN sp.starts_at - make_interval(mins => $3::int) AND sp.ends_at + make_interval(mins => $4::int)`,
        [sessionId, cancelled, this.config.CHECK_IN_OPENS_BEFORE_MINUTES, this.config.CHECK_IN_CLOSES_AFTER_MINUTES],
      );
      const partIndex = new Map(parts.map((part, index) => [part.id, index]));
      const presentParts = new Map<string, Set<number>>();
      for (const row of presence) {
        const set = presentParts.get(row.registration_id) ?? new Set<number>();
        set.add(partIndex.get(row.part_id)!);
        presentParts.set(row.registration_id, set);
      }
      const group = (
        keyOf: (row: (typeof registrations)[number]) => string,
        provinceOf: (row: (typeof registrations)[number]) => number | null,
      ) => {
        const groups = new Map<string, GroupCountsDto>();
        for (const row of registrations) {
          const key = keyOf(row);
          const entry = groups.get(key) ?? {
            key,
            provinceId: provinceOf(row),
            registered: 0,
            confirmed: 0,
            attended: 0,
            attendanceRate: null,
            presentByPart: parts.map(() => 0),
          };
          const present = presentParts.get(row.id);
          if (['pending', 'confirmed', 'waitlisted'].includes(row.status)) entry.registered++;
          if (row.status === 'confirmed') {
            entry.confirmed++;
            if (present && present.size > 0) entry.attended++;
          }
          // Presence counts whoever was checked in, whatever happened to the registration later.
          for (const index of present ?? []) entry.presentByPart[index]++;
          groups.set(key, entry);
        }
        return [...groups.values()]
          .map((entry) => ({ ...entry, attendanceRate: rate(entry.attended, entry.confirmed) }))
          .sort((a, b) => collator.compare(a.key, b.key));
      };
      const registeredProvinces = group(
        (row) => row.province_name,
        (row) => row.province_id,
      );
      const present = new Set(registeredProvinces.map((entry) => entry.provinceId));
      const zeros: GroupCountsDto[] = invitedUnits
        // A pre-2025 unit whose people register under its successor is represented by the successor.
        .filter((unit) => !present.has(unit.id) && !(unit.successor_id !== null && present.has(unit.successor_id)))
        .map((unit) => ({
          key: unit.name,
          provinceId: unit.id,
          registered: 0,
          confirmed: 0,
          attended: 0,
          attendanceRate: null,
          presentByPart: parts.map(() => 0),
        }));
      const byProvince = [...registeredProvinces, ...zeros].sort((a, b) => collator.compare(a.key, b.key));
      const byAgency = group(
        (row) => row.agency,
        () => null,
      );
      const sum = (key: 'registered' | 'confirmed' | 'attended') =>
        byProvince.reduce((total: number, group: GroupCountsDto) => total + group[key], 0);
      const confirmed = sum('confirmed');
      return {
        sessionId,
        invitedProvinces: invited,
        cancelled,
        totals: {
          registered: sum('registered'),
          confirmed,
          attended: sum('attended'),
          attendanceRate: rate(sum('attended'), confirmed),
        },
        parts: parts.map((part, index) => ({
          partId: Number(part.id),
          label: part.label,
          // Registered people present: from the same rows as the breakdowns, so they add up.
          present: byProvince.reduce((total, entry) => total + entry.presentByPart[index], 0),
          absent: part.absent,
          excused: part.excused,
          walkIns: part.walk_ins,
          bridgePointHeadcount: part.headcount,
          rate: rate(
            byProvince.reduce((total, entry) => total + entry.presentByPart[index], 0),
            confirmed,
          ),
        })),
        byProvince,
        byAgency,
      };
    });
  }

  /**
   * Per province and year: trainings invited to, people confirmed and attending; optionally rolled
   * up to 2025 units. Cancelled sessions count for nothing (no training took place).
   */
  async provinces(query: ProvinceStatisticsQuery): Promise<ProvinceYearDto[]> {
    const rows: {
      province_id: number;
      province_name: string;
      year: number;
      invited: number;
      with_registrations: number;
      confirmed: number;
      attended: number;
    }[] = await this.dataSource.query(
      `WITH unit AS (
         SELECT p.id, CASE WHEN $1 THEN coalesce(p.successor_id, p.id) ELSE p.id END AS unit_id FROM province p),
       invited AS (
         SELECT u.unit_id, extract(year FROM s.starts_on)::int AS year, s.id AS session_id
           FROM session_invited_province ip JOIN unit u ON u.id = ip.province_id
           JOIN training_session s ON s.id = ip.session_id AND s.status NOT IN ('draft', 'cancelled')),
       registered AS (
         SELECT u.unit_id, extract(year FROM s.starts_on)::int AS year, r.session_id, r.id AS registration_id, r.status,
                EXISTS (SELECT 1 FROM attendance a WHERE a.registration_id = r.id AND a.status = 'present' AND a.undone_at IS NULL) AS attended
           FROM registration r JOIN unit u ON u.id = r.province_id
           JOIN training_session s ON s.id = r.session_id AND s.status <> 'cancelled'),
       keys AS (SELECT unit_id, year FROM invited UNION SELECT unit_id, year FROM registered)
       SELECT k.unit_id AS province_id, p.name AS province_name, k.year,
              (SELECT count(DISTINCT session_id) FROM invited i WHERE i.unit_id = k.unit_id AND i.year = k.year)::int AS invited,
              (SELECT count(DISTINCT session_id) FROM registered g WHERE g.unit_id = k.unit_id AND g.year = k.year)::int AS with_registrations,
              (SELECT count(*) FROM registered g WHERE g.unit_id = k.unit_id AND g.year = k.year AND g.status = 'confirmed')::int AS confirmed,
              (SELECT count(*) FROM registered g WHERE g.unit_id = k.unit_id AND g.year = k.year AND g.status = 'confirmed' AND g.attended)::int AS attended
         FROM keys k JOIN province p ON p.id = k.unit_id
        WHERE $2::int IS NULL OR k.year = $2
        ORDER BY p.name COLLATE vi, k.year`,
      [query.rollUp ?? false, query.year ?? null],
    );
    return rows.map((row) => ({
      provinceId: row.province_id,
      provinceName: row.province_name,
      year: row.year,
      trainingsInvited: row.invited,
      trainingsWithRegistrations: row.with_registrations,
      peopleConfirmed: row.confirmed,
      peopleAttended: row.attended,
    }));
  }
}
