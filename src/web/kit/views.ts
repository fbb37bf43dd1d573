/** The kit's own page: the error page every journey falls back to (WebPages.sendError). */
export interface ErrorView {
  status: number;
  code: string;
  message: string;
  fields: string[];
}

declare module './layout' {
  interface ViewContexts {
    error: ErrorView;
  }
}
