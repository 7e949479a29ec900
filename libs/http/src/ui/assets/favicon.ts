export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f5f99"/><path d="M16 0v16H0z" fill="#2d7a4f"/></svg>`;
