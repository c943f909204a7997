export interface Conflict {
  theirs: string;
  theirHash: string;
}

/** A save on top of a newer version: the user chooses; nothing is overwritten silently. */
export function SaveConflict({ conflict, mine, onOverwrite, onTakeTheirs, onClose }: { conflict: Conflict; mine: string; onOverwrite: () => void; onTakeTheirs: () => void; onClose: () => void }) {
  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" aria-labelledby="conflict-title" data-testid="save-conflict">
      <div className="dialog wide">
        <h3 id="conflict-title">The runbook changed since you opened it</h3>
        <p>Someone saved another version (<code>{conflict.theirHash.slice(0, 12)}</code>). Compare, then keep yours (it replaces theirs) or take theirs (your changes are dropped).</p>
        <div className="compare">
          <div>
            <h4>Theirs (saved)</h4>
            <pre data-testid="conflict-theirs">{conflict.theirs}</pre>
          </div>
          <div>
            <h4>Yours (not saved)</h4>
            <pre>{mine}</pre>
          </div>
        </div>
        <div className="actions">
          <button type="button" onClick={onClose}>Keep editing</button>
          <button type="button" onClick={onTakeTheirs} data-testid="conflict-take-theirs">Take theirs</button>
          <button type="button" className="danger" onClick={onOverwrite} data-testid="conflict-overwrite">Save mine over theirs</button>
        </div>
      </div>
    </div>
  );
}
