// The query set of each tab: only the visible view's queries run.

import { DAY_TABLES, type DayTable } from '../../kpi/daily';
import type { Tab, ViewState } from '../../state/viewState';
import { queryAttainmentView, type AttainmentData } from './attainment';
import type { ViewContext } from './context';
import { queryExistingView, type ExistingData } from './existing';
import { queryLeadsView, type LeadsData } from './leads';
import { queryNewBusinessView, type NewBusinessData } from './newBusiness';
import { queryOverview, type OverviewData } from './overview';
import { queryPeopleView, type PeopleData } from './people';
import { queryPipelineView, type PipelineData } from './pipeline';

export type ViewData =
  | { tab: 'overview'; data: OverviewData }
  | { tab: 'leads'; data: LeadsData }
  | { tab: 'pipeline'; data: PipelineData }
  | { tab: 'new_business'; data: NewBusinessData }
  | { tab: 'existing'; data: ExistingData }
  | { tab: 'attainment'; data: AttainmentData }
  | { tab: 'people'; data: PeopleData };

/** The day tables (kpi/daily.ts) each tab's queries read; a table left out is read from the deals instead. */
export const DAY_TABLES_READ: Record<Tab, readonly DayTable[]> = {
  overview: DAY_TABLES,
  pipeline: DAY_TABLES, // with the new-business tiles it shows
  new_business: ['closed', 'created', 'cycles'],
  leads: ['closed', 'created'], // the won deals beside the handoffs
  attainment: ['closed'],
  existing: [],
  people: [],
};

export async function queryView(tab: Tab, ctx: ViewContext, view: ViewState): Promise<ViewData> {
  switch (tab) {
    case 'overview':
      return { tab, data: await queryOverview(ctx, { product: view.launch, since: view.since }) };
    case 'leads':
      return { tab, data: await queryLeadsView(ctx) };
    case 'pipeline':
      return { tab, data: await queryPipelineView(ctx, view.cohort) };
    case 'new_business':
      return { tab, data: await queryNewBusinessView(ctx, view.by) };
    case 'existing':
      return { tab, data: await queryExistingView(ctx) };
    case 'attainment':
      return { tab, data: await queryAttainmentView(ctx, { product: view.launch, since: view.since }) };
    case 'people':
      return { tab, data: await queryPeopleView(ctx) };
  }
}

export type { TileData, ViewContext } from './context';
