// The admin screens' words. Korean first; English must have every key.
export const ko = {
  'admin.placeholder': '',
};

export const en: Record<keyof typeof ko, string> = {
  'admin.placeholder': '',
};
