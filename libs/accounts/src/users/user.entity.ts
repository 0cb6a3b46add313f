import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  ValueTransformer,
} from 'typeorm';
import type { Role } from '../roles';

/** bigint / integer ids travel as JS numbers inside the application (ids stay far below 2^53). */
export const numericId: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** Persistence shape of `app_user`. Never leaves the library: controllers return UserResponse. */
@Entity('app_user')
export class AppUser {
  /** bigint: the driver returns it as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'failed_login_count', type: 'integer', default: 0 })
  failedLoginCount: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => UserRoleRecord, (grant) => grant.user)
  roles: UserRoleRecord[];
}

/** Persistence shape of `user_role`: one grant, optionally scoped to a session or bound to a province. */
@Entity('user_role')
export class UserRoleRecord {
  /** bigint: the driver returns it as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'user_id', type: 'bigint', transformer: numericId })
  userId: number;

  @ManyToOne(() => AppUser, (user) => user.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: AppUser;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'session_id', type: 'bigint', nullable: true, transformer: numericId })
  sessionId: number | null;

  @Column({ name: 'province_id', type: 'integer', nullable: true })
  provinceId: number | null;

  /** Organiser only: the grant covers the sessions this organisation organises. */
  @Column({ name: 'organisation_id', type: 'bigint', nullable: true, transformer: numericId })
  organisationId: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
