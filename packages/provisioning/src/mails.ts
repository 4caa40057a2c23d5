import type { LanguageCode } from '@tenantry/config';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES } from '@tenantry/config';

/** Mails are written in every language of the product (`LANGUAGES`). */
export const MAIL_LANGUAGES = LANGUAGES;
export type MailLanguage = LanguageCode;

/** The language to write a mail in: the recipient's, else the fallback. */
export function mailLanguage(language: string | null | undefined): MailLanguage {
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

interface Rendered {
  subject: string;
  text: string;
}

/** The activation link mail: lets a new user choose a password (single use). */
export function activationMail(language: string, vars: { firstName: string; organisation: string; link: string; hours: number }): Rendered {
  const { firstName, organisation, link, hours } = vars;
  const texts: Record<MailLanguage, Rendered> = {
    en: {
      subject: `Activate your ${organisation} account`,
      text: `Hello ${firstName},\n\nChoose your password to activate your account:\n${link}\n\nThe link works once and expires in ${hours} hours.`,
    },
    de: {
      subject: `Aktivieren Sie Ihr Konto bei ${organisation}`,
      text: `Hallo ${firstName},\n\nwählen Sie Ihr Passwort, um Ihr Konto zu aktivieren:\n${link}\n\nDer Link gilt einmal und läuft in ${hours} Stunden ab.`,
    },
    nl: {
      subject: `Activeer je account bij ${organisation}`,
      text: `Hallo ${firstName},\n\nKies je wachtwoord om je account te activeren:\n${link}\n\nDe link werkt één keer en verloopt over ${hours} uur.`,
    },
    fr: {
      subject: `Activez votre compte ${organisation}`,
      text: `Bonjour ${firstName},\n\nChoisissez votre mot de passe pour activer votre compte :\n${link}\n\nLe lien ne fonctionne qu'une fois et expire dans ${hours} heures.`,
    },
    es: {
      subject: `Activa tu cuenta de ${organisation}`,
      text: `Hola ${firstName}:\n\nElige tu contraseña para activar tu cuenta:\n${link}\n\nEl enlace funciona una vez y caduca en ${hours} horas.`,
    },
  };
  return texts[mailLanguage(language)];
}

/** The credentials mail: tells a directly created user their username and organisation (no password). */
export function usernameMail(language: string, vars: { firstName: string; organisation: string; username: string }): Rendered {
  const { firstName, organisation, username } = vars;
  const texts: Record<MailLanguage, Rendered> = {
    en: {
      subject: `Your ${organisation} username`,
      text: `Hello ${firstName},\n\nAn account was created for you at ${organisation}.\nYour username: ${username}\n\nA second mail brings the link to choose your password.`,
    },
    de: {
      subject: `Ihr Benutzername bei ${organisation}`,
      text: `Hallo ${firstName},\n\nfür Sie wurde ein Konto bei ${organisation} angelegt.\nIhr Benutzername: ${username}\n\nEine zweite Mail enthält den Link zur Wahl Ihres Passworts.`,
    },
    nl: {
      subject: `Je gebruikersnaam bij ${organisation}`,
      text: `Hallo ${firstName},\n\nEr is een account voor je aangemaakt bij ${organisation}.\nJe gebruikersnaam: ${username}\n\nEen tweede mail bevat de link om je wachtwoord te kiezen.`,
    },
    fr: {
      subject: `Votre identifiant ${organisation}`,
      text: `Bonjour ${firstName},\n\nUn compte a été créé pour vous chez ${organisation}.\nVotre identifiant : ${username}\n\nUn second mail contient le lien pour choisir votre mot de passe.`,
    },
    es: {
      subject: `Tu usuario de ${organisation}`,
      text: `Hola ${firstName}:\n\nSe ha creado una cuenta para ti en ${organisation}.\nTu usuario: ${username}\n\nUn segundo correo trae el enlace para elegir tu contraseña.`,
    },
  };
  return texts[mailLanguage(language)];
}
