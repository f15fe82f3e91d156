/**
 * Every text the document gains from now until `stop()`, kept even when it is removed again: for
 * tests that something is never shown, not even for the one render before a form has its values.
 */
export function recordAddedText(): { stop(): string[] } {
  const added: string[] = [];
  const keep = (records: MutationRecord[]) => {
    for (const r of records) for (const n of r.addedNodes) added.push(n.textContent ?? '');
  };
  const observer = new MutationObserver(keep);
  observer.observe(document.body, { childList: true, subtree: true });
  return {
    stop() {
      keep(observer.takeRecords());
      observer.disconnect();
      return added;
    },
  };
}
