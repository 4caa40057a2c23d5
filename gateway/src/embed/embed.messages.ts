import type { PageLanguage } from '../pages/language';

/**
 * Every sentence of the embedded customer login. The `client*` sentences reach its script
 * through a data attribute (no inline script).
 */
export interface EmbedMessages {
  title: string;
  username: string;
  password: string;
  totpCode: string;
  totpHint: string;
  signIn: string;
  needsJavaScript: string;
  refusedTitle: string;
  refusedOrigin: string;
  refusedLink: string;
  unavailable: string;
  clientEmpty: string;
  clientWrong: string;
  clientTotpRequired: string;
  clientRateLimited: string;
  clientFailed: string;
  clientWorking: string;
  clientSignedIn: string;
  clientNotFramed: string;
}

const en: EmbedMessages = {
  title: 'Sign in',
  username: 'Username',
  password: 'Password',
  totpCode: 'Two-factor code',
  totpHint: 'Only when two-factor sign-in is on for your account.',
  signIn: 'Sign in',
  needsJavaScript: 'This sign-in needs JavaScript. Please enable it and reload the page.',
  refusedTitle: 'This sign-in cannot be shown here',
  refusedOrigin: 'The website {origin} is not allowed to show this sign-in. Ask its operator to have the address added.',
  refusedLink: 'This sign-in link is incomplete: it needs the address of the website and the organisation.',
  unavailable: 'The sign-in is not available at the moment. Please try again in a moment.',
  clientEmpty: 'Please enter your username and password.',
  clientWrong: 'The username or password is not right.',
  clientTotpRequired: 'Enter the code from your authenticator app.',
  clientRateLimited: 'Too many attempts. Please wait a moment and try again.',
  clientFailed: 'Something went wrong. Please try again in a moment.',
  clientWorking: 'Signing in…',
  clientSignedIn: 'You are signed in.',
  clientNotFramed: 'This sign-in works only inside the website that shows it.',
};

const fr: EmbedMessages = {
  title: 'Connexion',
  username: 'Nom d’utilisateur',
  password: 'Mot de passe',
  totpCode: 'Code à deux facteurs',
  totpHint: 'Seulement si la connexion à deux facteurs est activée pour votre compte.',
  signIn: 'Se connecter',
  needsJavaScript: 'Cette connexion a besoin de JavaScript. Activez-le puis rechargez la page.',
  refusedTitle: 'Cette connexion ne peut pas être affichée ici',
  refusedOrigin: 'Le site {origin} n’est pas autorisé à afficher cette connexion. Demandez à son exploitant de faire ajouter l’adresse.',
  refusedLink: 'Ce lien de connexion est incomplet : il lui faut l’adresse du site et l’organisation.',
  unavailable: 'La connexion n’est pas disponible pour le moment. Réessayez dans un instant.',
  clientEmpty: 'Saisissez votre nom d’utilisateur et votre mot de passe.',
  clientWrong: 'Le nom d’utilisateur ou le mot de passe n’est pas correct.',
  clientTotpRequired: 'Saisissez le code de votre application d’authentification.',
  clientRateLimited: 'Trop de tentatives. Patientez un instant puis réessayez.',
  clientFailed: 'Une erreur s’est produite. Réessayez dans un instant.',
  clientWorking: 'Connexion…',
  clientSignedIn: 'Vous êtes connecté.',
  clientNotFramed: 'Cette connexion ne fonctionne qu’à l’intérieur du site qui l’affiche.',
};

const de: EmbedMessages = {
  title: 'Anmelden',
  username: 'Benutzername',
  password: 'Passwort',
  totpCode: 'Zwei-Faktor-Code',
  totpHint: 'Nur wenn die Zwei-Faktor-Anmeldung für Ihr Konto eingeschaltet ist.',
  signIn: 'Anmelden',
  needsJavaScript: 'Diese Anmeldung benötigt JavaScript. Bitte aktivieren Sie es und laden Sie die Seite neu.',
  refusedTitle: 'Diese Anmeldung kann hier nicht angezeigt werden',
  refusedOrigin: 'Die Website {origin} darf diese Anmeldung nicht anzeigen. Bitten Sie ihren Betreiber, die Adresse eintragen zu lassen.',
  refusedLink: 'Dieser Anmelde-Link ist unvollständig: Er braucht die Adresse der Website und die Organisation.',
  unavailable: 'Die Anmeldung ist gerade nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.',
  clientEmpty: 'Bitte geben Sie Benutzernamen und Passwort ein.',
  clientWrong: 'Benutzername oder Passwort stimmt nicht.',
  clientTotpRequired: 'Geben Sie den Code aus Ihrer Authenticator-App ein.',
  clientRateLimited: 'Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
  clientFailed: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.',
  clientWorking: 'Anmeldung läuft…',
  clientSignedIn: 'Sie sind angemeldet.',
  clientNotFramed: 'Diese Anmeldung funktioniert nur innerhalb der Website, die sie anzeigt.',
};

const es: EmbedMessages = {
  title: 'Iniciar sesión',
  username: 'Nombre de usuario',
  password: 'Contraseña',
  totpCode: 'Código de dos factores',
  totpHint: 'Solo si el inicio de sesión en dos pasos está activado en su cuenta.',
  signIn: 'Iniciar sesión',
  needsJavaScript: 'Este inicio de sesión necesita JavaScript. Actívelo y vuelva a cargar la página.',
  refusedTitle: 'Este inicio de sesión no se puede mostrar aquí',
  refusedOrigin: 'El sitio {origin} no tiene permiso para mostrar este inicio de sesión. Pida a su responsable que haga añadir la dirección.',
  refusedLink: 'Este enlace de inicio de sesión está incompleto: necesita la dirección del sitio y la organización.',
  unavailable: 'El inicio de sesión no está disponible en este momento. Vuelva a intentarlo dentro de un momento.',
  clientEmpty: 'Escriba su nombre de usuario y su contraseña.',
  clientWrong: 'El nombre de usuario o la contraseña no son correctos.',
  clientTotpRequired: 'Escriba el código de su aplicación de autenticación.',
  clientRateLimited: 'Demasiados intentos. Espere un momento y vuelva a intentarlo.',
  clientFailed: 'Algo ha fallado. Vuelva a intentarlo dentro de un momento.',
  clientWorking: 'Iniciando sesión…',
  clientSignedIn: 'Ha iniciado sesión.',
  clientNotFramed: 'Este inicio de sesión solo funciona dentro del sitio que lo muestra.',
};

const nl: EmbedMessages = {
  title: 'Aanmelden',
  username: 'Gebruikersnaam',
  password: 'Wachtwoord',
  totpCode: 'Tweestapscode',
  totpHint: 'Alleen als tweestapsaanmelding voor uw account aan staat.',
  signIn: 'Aanmelden',
  needsJavaScript: 'Deze aanmelding heeft JavaScript nodig. Zet het aan en laad de pagina opnieuw.',
  refusedTitle: 'Deze aanmelding kan hier niet worden getoond',
  refusedOrigin: 'De website {origin} mag deze aanmelding niet tonen. Vraag de beheerder het adres te laten toevoegen.',
  refusedLink: 'Deze aanmeldlink is onvolledig: hij heeft het adres van de website en de organisatie nodig.',
  unavailable: 'Aanmelden is op dit moment niet mogelijk. Probeer het zo opnieuw.',
  clientEmpty: 'Vul uw gebruikersnaam en wachtwoord in.',
  clientWrong: 'De gebruikersnaam of het wachtwoord klopt niet.',
  clientTotpRequired: 'Vul de code uit uw authenticator-app in.',
  clientRateLimited: 'Te veel pogingen. Wacht even en probeer het opnieuw.',
  clientFailed: 'Er ging iets mis. Probeer het zo opnieuw.',
  clientWorking: 'Bezig met aanmelden…',
  clientSignedIn: 'U bent aangemeld.',
  clientNotFramed: 'Deze aanmelding werkt alleen binnen de website die haar toont.',
};

export const EMBED_MESSAGES: Record<PageLanguage, EmbedMessages> = { en, fr, de, es, nl };
