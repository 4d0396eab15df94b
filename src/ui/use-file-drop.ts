/** Drag-and-drop of files and folders onto an area: the Lab's image input and Evaluate's drop both use it. */
import { useState, type DragEvent } from 'react';
import { readDrop, takeDropItems, type DroppedFile } from '../image/dropped-entries';

/** Files and folders dropped on an area: `over` while something is dragged over it; a failure to read them, or thrown by `use`, goes to `fail`. */
export function useFileDrop(use: (files: DroppedFile[]) => unknown, fail: (message: string) => void, max?: number) {
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const taken = takeDropItems(e.dataTransfer); // now: the items go dead when the event ends
    readDrop(taken, max)
      .then(use)
      .catch((err: Error) => fail(`Could not read the dropped files: ${err.message}`));
  };
  const onDragOver = (e: DragEvent) => {
    e.preventDefault();
    setOver(true);
  };
  return { over, handlers: { onDragOver, onDragLeave: () => setOver(false), onDrop } };
}
