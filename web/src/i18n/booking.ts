// The booking screens' words. Korean first; English must have every key.
export const ko = {
  'booking.title': '',
};

export const en: Record<keyof typeof ko, string> = {
  'booking.title': '',
};
