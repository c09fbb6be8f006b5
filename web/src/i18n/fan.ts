// The fan screens' words. Korean first; English must have every key.
export const ko = {
  'fan.placeholder': '',
};

export const en: Record<keyof typeof ko, string> = {
  'fan.placeholder': '',
};
