import { bearer } from './auth';
import type { TestApp } from './test-app';

export interface RegistrationTerms {
  provinceIds: number[];
  quotas: { provinceId: number; quota: number }[];
  moderated?: boolean;
  capacity?: number;
  /** The window (default: from an hour ago to a day from now). */
  opensAt?: Date;
  closesAt?: Date;
  /** Where the session is left: 'scheduled' sets the window but does not open registration yet. */
  status?: 'scheduled' | 'registration_open';
}

/**
 * Takes a draft session to "registration open" the way an organiser does through the API:
 * invite the provinces, schedule, open registration (unless `terms.status` stops at scheduled),
 * and set the window (around now unless given) with quotas.
 */
export async function openRegistration(
  t: TestApp,
  organiserToken: string,
  sessionId: number,
  terms: RegistrationTerms,
) {
  const as = bearer(organiserToken);
  await t
    .http()
    .put(`/api/v1/sessions/${sessionId}/invitations`)
    .set(as)
    .send({ provinceIds: terms.provinceIds })
    .expect(200);
  const statuses = terms.status === 'scheduled' ? ['scheduled'] : ['scheduled', 'registration_open'];
  for (const status of statuses) {
    await t.http().post(`/api/v1/sessions/${sessionId}/status`).set(as).send({ status }).expect(200);
  }
  await t
    .http()
    .put(`/api/v1/sessions/${sessionId}/registration-settings`)
    .set(as)
    .send({
      opensAt: (terms.opensAt ?? new Date(Date.now() - 3600_000)).toISOString(),
      closesAt: (terms.closesAt ?? new Date(Date.now() + 86_400_000)).toISOString(),
      moderated: terms.moderated ?? false,
      capacity: terms.capacity,
      quotas: terms.quotas,
    })
    .expect(200);
}
