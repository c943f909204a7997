export function RunPage({ runId }: { runId: string }) {
  return <section className="page"><h2>{runId}</h2></section>;
}
