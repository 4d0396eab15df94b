const TYPES: Record<string, string> = { csv: 'text/csv', json: 'application/json' };

/** Saves text or bytes as a file via a temporary object URL (no server round trip, works offline);
 *  the MIME type follows the file name's extension. */
export function downloadFile(data: BlobPart, filename: string): void {
  const type = TYPES[filename.slice(filename.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
