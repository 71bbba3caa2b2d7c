/** Saving a file from the page: a Blob behind a temporary <a download>, no server involved. */
export function download(
  filename: string,
  data: BlobPart,
  type = 'application/octet-stream',
): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: Chromium starts reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
