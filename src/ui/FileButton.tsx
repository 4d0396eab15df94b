/** A hidden file input shown as a button; cleared after each pick, so picking the same files again fires again. */
import type { InputHTMLAttributes, ReactNode } from 'react';

/** Chromium, Firefox and Safari pick folders with this non-standard attribute (not in React's types). */
const FOLDER_PICKER: Record<string, string> = { webkitdirectory: '' };

type FileButtonProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'onChange'> & {
  label: ReactNode;
  /** Pick a folder (all its files) instead of files. */
  folder?: boolean;
  onFiles: (files: File[]) => void;
};

export function FileButton({ label, className = 'file-button', title, folder = false, onFiles, ...input }: FileButtonProps) {
  return (
    <label className={className} title={title}>
      {label}
      <input
        {...input}
        {...(folder ? FOLDER_PICKER : {})}
        className="visually-hidden"
        type="file"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          if (files.length) onFiles(files);
          e.currentTarget.value = '';
        }}
      />
    </label>
  );
}
