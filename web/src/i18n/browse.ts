// The browse screens' words. Korean first; English must have every key.
export const ko = {
  'browse.title': '',
};

export const en: Record<keyof typeof ko, string> = {
  'browse.title': '',
};
