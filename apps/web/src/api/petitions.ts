import {
  ZAnnouncement,
  type ZAnnouncementUpdate,
  ZPetition,
  ZPetitionIdentity,
  ZPetitionList,
  type ZPetitionListQuery,
  type ZPetitionRegister,
  type ZPetitionReply,
  type ZPetitionTriage,
  ZPoster,
  ZPublicCode,
  ZPublicCodeList,
  type ZPublicCodeUpdate,
} from '@xc/domain';
import type { z } from 'zod';
import { download, getBlob, request } from './client.ts';

export type TPetitionListOut = z.infer<typeof ZPetitionList>;
export type TPetitionItem = TPetitionListOut['items'][number];
export type TPetitionOut = z.infer<typeof ZPetition>;
export type TPetitionMessage = TPetitionOut['messages'][number];
export type TPetitionFileOut = TPetitionOut['files'][number];
export type TPetitionEvent = TPetitionOut['events'][number];
export type TPetitionIdentityOut = z.infer<typeof ZPetitionIdentity>;
export type TPetitionFilters = Omit<z.input<typeof ZPetitionListQuery>, 'limit' | 'cursor'>;
export type TPetitionRegisterInput = z.input<typeof ZPetitionRegister>;
export type TPetitionTriageInput = z.input<typeof ZPetitionTriage>;
export type TPetitionReplyInput = z.input<typeof ZPetitionReply>;
export type TPublicCodeOut = z.infer<typeof ZPublicCode>;
export type TPublicCodeUpdateInput = z.input<typeof ZPublicCodeUpdate>;
export type TAnnouncementOut = z.infer<typeof ZAnnouncement>;
export type TAnnouncementUpdateInput = z.input<typeof ZAnnouncementUpdate>;

/** Query keys of the petition pages; every key starts with 'petitions' so one invalidation refreshes them all. */
export const petk = {
  all: ['petitions'] as const,
  list: (q: object) => ['petitions', 'list', q] as const,
  petition: (id: string) => ['petitions', 'detail', id] as const,
  announcement: (inspectionId: string) => ['petitions', 'announcement', inspectionId] as const,
  codes: (inspectionId: string) => ['petitions', 'codes', inspectionId] as const,
};

const seg = (s: string) => encodeURIComponent(s);

// 巡察公告 and 码上巡 QR codes

export const getAnnouncement = (inspectionId: string) =>
  request('GET', `/api/inspections/${seg(inspectionId)}/announcement`, ZAnnouncement);
/** `version` 0 is the first save. */
export const putAnnouncement = (inspectionId: string, body: TAnnouncementUpdateInput) =>
  request('PUT', `/api/inspections/${seg(inspectionId)}/announcement`, ZAnnouncement, { body });

/** One code per target organization; the server creates them on the first call. */
export const listPublicCodes = (inspectionId: string) =>
  request('GET', `/api/inspections/${seg(inspectionId)}/public-codes`, ZPublicCodeList);
export const updatePublicCode = (code: string, body: TPublicCodeUpdateInput) =>
  request('PATCH', `/api/public-codes/${seg(code)}`, ZPublicCode, { body });
/** For an <img src>: the session cookie goes with it, no CSRF needed for a GET. */
export const publicCodeQrUrl = (code: string) => `/api/public-codes/${seg(code)}/qr.png`;
/** The code's image itself, to draw on the poster. */
export const getPublicCodeQr = (code: string) => getBlob(publicCodeQrUrl(code));
export const downloadPublicCodeQr = (code: string, orgName: string) =>
  download(publicCodeQrUrl(code), undefined, `${orgName}码上巡二维码.png`);
/** The poster's words, for drawing it as an image; re-authenticated and audited like the .docx. */
export const getPoster = (code: string) => request('GET', `/api/public-codes/${seg(code)}/poster`, ZPoster);
export const downloadPoster = (code: string, orgName: string) =>
  download(`/api/public-codes/${seg(code)}/poster.docx`, undefined, `${orgName}巡察公告.docx`);

// 信访举报

export const listPetitions = (q: TPetitionFilters & { limit?: number; cursor?: string }, signal?: AbortSignal) =>
  request('GET', '/api/petitions', ZPetitionList, { query: q, signal });
/** 信访台账 of exactly the filtered view (re-authentication handled by the client). */
export const exportPetitionLedger = (q: TPetitionFilters) =>
  download('/api/petitions/export.xlsx', q, '巡察信访举报台账.xlsx');
export const getPetition = (id: string) => request('GET', `/api/petitions/${seg(id)}`, ZPetition);
export const registerPetition = (inspectionId: string, body: TPetitionRegisterInput) =>
  request('POST', `/api/inspections/${seg(inspectionId)}/petitions`, ZPetition, { body });
export const triagePetition = (id: string, body: TPetitionTriageInput) =>
  request('POST', `/api/petitions/${seg(id)}/triage`, ZPetition, { body });
export const replyPetition = (id: string, body: TPetitionReplyInput) =>
  request('POST', `/api/petitions/${seg(id)}/replies`, ZPetition, { body });
/** Opens the reporter's name and phone: re-authentication and an audit entry on the server. */
export const openPetitionIdentity = (id: string) =>
  request('POST', `/api/petitions/${seg(id)}/identity`, ZPetitionIdentity);
export const downloadPetitionFile = (fileId: string, name: string) =>
  download(`/api/petition-files/${seg(fileId)}`, undefined, name);
