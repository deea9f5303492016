/**
 * Saves a downloaded file. The CSV export needs the bearer header, so the dashboard fetches it and saves the
 * Blob through a temporary object URL and a `download` link, instead of linking to the endpoint.
 */
export type SaveFile = (blob: Blob, fileName: string) => void;

export function browserSaveFile(doc: Document): SaveFile {
  return (blob, fileName) => {
    const view = doc.defaultView;
    if (view === null) return;
    const url = view.URL.createObjectURL(blob);
    const link = doc.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    doc.body.append(link);
    link.click();
    link.remove();
    // Revoke after the click has started the download.
    view.setTimeout(() => view.URL.revokeObjectURL(url), 1000);
  };
}
