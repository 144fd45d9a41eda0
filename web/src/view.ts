// What the router mounts: a root element, a page title, and dispose() that stops timers,
// frees GPU memory and removes listeners the view added outside its own root.

export interface View {
  readonly title: string;
  readonly root: HTMLElement;
  dispose(): void;
}
